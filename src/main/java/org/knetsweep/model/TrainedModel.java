package org.knetsweep.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knetsweep.KnetException;
import org.knetsweep.config.Precision;
import org.knetsweep.config.RunConfig;
import org.knetsweep.data.Standardizer;
import org.knetsweep.nn.Mat;
import org.knetsweep.nn.Network;
import org.knetsweep.nn.NetworkState;

/**
 * A trained network with everything needed to use it: its parameters and batch-norm moving averages (a
 * {@link NetworkState}), the training set's standardization, and the {@link ModelManifest} describing both. Converts
 * to and from the files of a model artifact (the manifest plus one raw little-endian array per tensor); reading
 * checks every array against the manifest (size and SHA-256) and the manifest against the network its configuration
 * defines.
 */
public final class TrainedModel {
    /** Reads the files of an artifact folder by name. */
    public interface Files {
        /** The file's bytes; throws a KnetException naming the file when it is missing or unreadable. */
        byte[] read(String name);
    }

    private final ModelManifest manifest;
    private final NetworkState state;
    private final Standardizer standardizer;

    private TrainedModel(ModelManifest manifest, NetworkState state, Standardizer standardizer) {
        this.manifest = manifest;
        this.state = state;
        this.standardizer = standardizer;
    }

    /**
     * The model of a finished run.
     *
     * @param inputs        the run's input features
     * @param testAccuracy  the run's test accuracy (NaN: not measured)
     */
    public static TrainedModel of(String sweepId, String trialId, String configHash, RunConfig run, int inputs,
                                  List<String> labelNames, NetworkState state, Standardizer standardizer,
                                  double testAccuracy) {
        if (standardizer.features() != inputs)
            throw new IllegalArgumentException("standardizer of " + standardizer.features() + " features, network of "
                    + inputs + " inputs");
        List<ArrayEntry> arrays = expectedArrays(run, inputs, labelNames.size());
        ModelManifest m = new ModelManifest(ModelManifest.FORMAT_VERSION, sweepId, trialId, configHash, run, inputs,
                labelNames, state.averagesInitialized(), testAccuracy, arrays);
        TrainedModel unhashed = new TrainedModel(m, state, standardizer);
        unhashed.network(); // checks that the state fits the configuration
        List<ArrayEntry> hashed = arrays.stream()
                .map(a -> a.withSha256(ArrayHash.sha256(encode(unhashed.values(a.name()), a.dtype())))).toList();
        return new TrainedModel(new ModelManifest(m.formatVersion(), sweepId, trialId, configHash, run, inputs,
                labelNames, m.averagesInitialized(), testAccuracy, hashed), state, standardizer);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public NetworkState state() {
        return state;
    }

    public Standardizer standardizer() {
        return standardizer;
    }

    public Precision precision() {
        return manifest.run().training().precision();
    }

    /** A new network holding this model's parameters (each caller gets its own: networks are not thread-safe). */
    public Network network() {
        Network net = new Network(manifest.run().network(), manifest.inputs(), manifest.classes(), precision(), 0L);
        net.restore(state);
        return net;
    }

    /** The artifact's files by name: the arrays in manifest order, then {@value ModelManifest#FILE}. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (ArrayEntry a : manifest.arrays()) files.put(a.file(), encode(values(a.name()), a.dtype()));
        files.put(ModelManifest.FILE, ManifestJson.render(manifest).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** Total size of {@link #files()} in bytes. */
    public long bytes() {
        return files().values().stream().mapToLong(b -> b.length).sum();
    }

    /**
     * Reads an artifact: the manifest, then each array it lists.
     *
     * @param where the artifact's location, for error messages
     * @throws KnetException for a missing or truncated file, another format version, arrays whose names, shapes,
     *                       types or sizes disagree with the manifest or with the network it describes, or an array
     *                       file whose SHA-256 is not the one the manifest records (manifests without hashes, written
     *                       before they were recorded, are read without that check)
     */
    public static TrainedModel read(String where, Files files) {
        ModelManifest m = ManifestJson.parse(new String(files.read(ModelManifest.FILE), StandardCharsets.UTF_8),
                where + "/" + ModelManifest.FILE);
        List<ArrayEntry> expected = expectedArrays(m.run(), m.inputs(), m.classes());
        List<String> names = m.arrays().stream().map(ArrayEntry::name).toList();
        List<String> expectedNames = expected.stream().map(ArrayEntry::name).toList();
        if (!names.equals(expectedNames))
            throw new KnetException("model " + where + ": the manifest lists arrays " + names + ", but a network of "
                    + "hidden " + m.run().network().hidden() + " has " + expectedNames);
        Map<String, double[]> tensors = new LinkedHashMap<>();
        double[] mean = null;
        double[] std = null;
        for (int i = 0; i < expected.size(); i++) {
            ArrayEntry a = m.arrays().get(i);
            ArrayEntry e = expected.get(i);
            if (!a.shape().equals(e.shape()) || !a.dtype().equals(e.dtype()) || a.bytes() != e.bytes())
                throw new KnetException("model " + where + ": array " + a.name() + " is listed with shape " + a.shape()
                        + ", dtype " + a.dtype() + ", " + a.bytes() + " bytes; expected shape " + e.shape() + ", dtype "
                        + e.dtype() + ", " + e.bytes() + " bytes");
            if (a.file().contains("/") || a.file().contains("\\") || a.file().startsWith("."))
                throw new KnetException("model " + where + ": array file name '" + a.file() + "' is not a plain name");
            byte[] bytes = files.read(a.file());
            if (bytes.length != a.bytes())
                throw new KnetException("model " + where + ": " + a.file() + " has " + bytes.length + " bytes, the "
                        + "manifest says " + a.bytes() + (bytes.length < a.bytes() ? " (truncated?)" : ""));
            ArrayHash.check(where, a, bytes);
            double[] values = decode(bytes, a.dtype());
            if (a.name().equals(ModelManifest.MEAN)) mean = values;
            else if (a.name().equals(ModelManifest.STD)) std = values;
            else tensors.put(a.name(), values);
        }
        NetworkState state = new NetworkState(m.run().training().precision(), m.averagesInitialized(), tensors);
        return new TrainedModel(m, state, new Standardizer(mean, std));
    }

    /** The arrays a network of this configuration has, with their shapes and types, in manifest order. */
    static List<ArrayEntry> expectedArrays(RunConfig run, int inputs, int classes) {
        Precision p = run.training().precision();
        String dtype = p == Precision.FLOAT32 ? ArrayEntry.FLOAT32 : ArrayEntry.FLOAT64;
        Network shapeOnly = new Network(run.network(), inputs, classes, p, 0L);
        Map<String, Mat> tensors = new LinkedHashMap<>(shapeOnly.parameters());
        tensors.putAll(shapeOnly.movingAverages());
        List<ArrayEntry> out = new ArrayList<>();
        tensors.forEach((name, mat) -> out.add(ArrayEntry.of(name,
                mat.rows() == 1 ? List.of(mat.cols()) : List.of(mat.rows(), mat.cols()), dtype)));
        out.add(ArrayEntry.of(ModelManifest.MEAN, List.of(inputs), ArrayEntry.FLOAT64));
        out.add(ArrayEntry.of(ModelManifest.STD, List.of(inputs), ArrayEntry.FLOAT64));
        return out;
    }

    private double[] values(String name) {
        if (name.equals(ModelManifest.MEAN)) return standardizer.mean();
        if (name.equals(ModelManifest.STD)) return standardizer.std();
        double[] v = state.tensors().get(name);
        if (v == null) throw new IllegalStateException("no tensor " + name + " in the network state");
        return v;
    }

    static byte[] encode(double[] values, String dtype) {
        ByteBuffer b = ByteBuffer.allocate(values.length * ArrayEntry.itemSize(dtype)).order(ByteOrder.LITTLE_ENDIAN);
        if (dtype.equals(ArrayEntry.FLOAT32)) for (double v : values) b.putFloat((float) v);
        else for (double v : values) b.putDouble(v);
        return b.array();
    }

    static double[] decode(byte[] bytes, String dtype) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int size = ArrayEntry.itemSize(dtype);
        double[] out = new double[bytes.length / size];
        if (dtype.equals(ArrayEntry.FLOAT32)) for (int i = 0; i < out.length; i++) out[i] = b.getFloat();
        else for (int i = 0; i < out.length; i++) out[i] = b.getDouble();
        return out;
    }
}
