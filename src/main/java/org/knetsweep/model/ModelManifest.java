package org.knetsweep.model;

import java.util.List;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.RunConfig;

/**
 * The JSON manifest of a model artifact ({@value #FILE}; see docs/model-format.md): what the network is, where it
 * came from, and the list of its raw arrays.
 *
 * @param formatVersion        {@value #FORMAT_VERSION} for this layout; readers reject other versions
 * @param sweepId              the sweep that trained it
 * @param trialId              the trial that trained it, e.g. {@code final-000}
 * @param configHash           hash of the sweep's resolved configuration
 * @param run                  the resolved data, network and training configuration and the seed of the run
 * @param inputs               input features (the first {@code inputs} of the data's features: of the 3,072 CIFAR-10
 *                             values, or of a table's features column)
 * @param labelNames           the class names, index = label
 * @param averagesInitialized  whether the batch-norm moving averages were set by training (false: mean 0, var 1)
 * @param testAccuracy         test accuracy measured when the run ended (NaN: not measured)
 * @param arrays               the raw arrays, in a fixed order: the network's (W1, b1 or gamma1, beta1, ..., Wk, bk,
 *                             mu1, var1, ...), then the standardization {@code mean} and {@code std}
 */
public record ModelManifest(int formatVersion, String sweepId, String trialId, String configHash, RunConfig run,
                            int inputs, List<String> labelNames, boolean averagesInitialized, double testAccuracy,
                            List<ArrayEntry> arrays) {
    /** The manifest's file name in an artifact folder. */
    public static final String FILE = "manifest.json";
    /** The {@code format} value naming this kind of file. */
    public static final String FORMAT = "knet-sweep-model";
    /** The layout version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Names of the standardization arrays: x' = (x - mean) / std per feature. */
    public static final String MEAN = "mean";
    public static final String STD = "std";

    public ModelManifest {
        labelNames = List.copyOf(labelNames);
        arrays = List.copyOf(arrays);
    }

    public int classes() {
        return labelNames.size();
    }

    /**
     * [channels, height, width] of the input when it is a whole image: CIFAR-10's [3, 32, 32] when all 3,072 values
     * are used, a table's {@code image-shape} when its size is the input width; else empty.
     */
    public List<Integer> imageShape() {
        DataConfig data = run.data();
        if (!data.isTable()) return inputs == DataConfig.FEATURES ? List.of(3, 32, 32) : List.of();
        return data.table().imageSize() == inputs ? data.table().imageShape() : List.of();
    }

    /** Total bytes of the arrays (the manifest not included). */
    public long arrayBytes() {
        return arrays.stream().mapToLong(ArrayEntry::bytes).sum();
    }
}
