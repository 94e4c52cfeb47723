package org.knetsweep.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the numerics run on (BLAS build and core type, thread count) and the process's memory, for reports. */
public final class NativeInfo {
    private NativeInfo() {
    }

    /** One line: BLAS vendor and thread count, OMP_NUM_THREADS, OPENBLAS_CORETYPE. */
    public static String describe() {
        String blas;
        try {
            var b = org.nd4j.linalg.factory.Nd4j.factory().blas();
            blas = "BLAS " + b.getBlasVendor() + " (" + b.getMaxThreads() + " thread" + (b.getMaxThreads() == 1 ? "" : "s") + ")";
        } catch (RuntimeException | LinkageError e) {
            blas = "BLAS unknown";
        }
        return blas + ", OMP_NUM_THREADS=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset")
                + ", OPENBLAS_CORETYPE=" + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "unset");
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
