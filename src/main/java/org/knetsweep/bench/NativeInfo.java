package org.knetsweep.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the numerics run on (BLAS build and core type, thread count) and the process's memory, for reports. */
public final class NativeInfo {
    private NativeInfo() {
    }

    /** One line: OpenBLAS version and kernel, OMP_NUM_THREADS, OPENBLAS_CORETYPE. */
    public static String describe() {
        String blas;
        try {
            Class<?> c = Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
            Object config = c.getMethod("openblas_get_config").invoke(null);
            Object core = c.getMethod("openblas_get_corename").invoke(null);
            blas = "OpenBLAS " + str(config) + " core " + str(core);
        } catch (ReflectiveOperationException | LinkageError e) {
            blas = "BLAS unknown";
        }
        return blas + ", OMP_NUM_THREADS=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset")
                + ", OPENBLAS_CORETYPE=" + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "unset");
    }

    private static String str(Object o) {
        if (o == null) return "?";
        try {
            return (String) o.getClass().getMethod("getString").invoke(o);
        } catch (ReflectiveOperationException e) {
            return o.toString();
        }
    }

    /** Peak resident set size (VmHWM, heap plus off-heap plus native code) in MB, or -1 when unknown. */
    public static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
