package org.knetsweep.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knetsweep.sweep.SyntheticData;

/**
 * A small CIFAR-10 folder in the official binary layout whose classes are learnable (the label raises a few pixel
 * values; written by the sweep tests' {@link SyntheticData}), and the settings of tiny sweeps on it.
 */
final class ClusterData {
    private ClusterData() {
    }

    /** Writes cifar-10-batches-bin under {@code parent} with {@code perBatch} records per batch; returns it. */
    static Path write(Path parent, int perBatch) {
        return SyntheticData.write(parent, perBatch);
    }

    static byte[] batch(int n, long seed) {
        return SyntheticData.batch(n, seed);
    }

    /**
     * --set overrides of a tiny sweep: {@code coarse} + {@code fine} + 1 final trials of {@code stepSize * 2 * cycles}
     * steps each (plus the final stage's 2 cycles), data from {@code source} (a folder or a Hadoop URI), tables under
     * {@code results}, the per-JVM data cache in {@code cache}.
     */
    static List<String> sweepSettings(String source, String cache, String results, int coarse, int fine, int stepSize,
                                      String... extra) {
        List<String> sets = new ArrayList<>(List.of(
                "knet.data.source=" + source,
                "knet.data.cache-dir=" + cache,
                "knet.data.validation-size=100",
                "knet.data.train-limit=400",
                "knet.data.feature-limit=300",
                "knet.network.hidden=[12, 8]",
                "knet.training.batch-size=20",
                "knet.training.step-size=" + stepSize,
                "knet.training.cycles=1",
                "knet.training.eta-min=1e-4",
                "knet.training.eta-max=5e-2",
                "knet.training.train-eval-size=100",
                "knet.sweep.coarse.trials=" + coarse,
                "knet.sweep.fine.trials=" + fine,
                "knet.sweep.final.cycles=2",
                // one final network whatever the cluster's slots ("auto" would follow them; replicas of the final
                // stage are tested in FinalReplicasTest and SparkSweepTest)
                "knet.sweep.final.replicas=1",
                "knet.results.root=" + results));
        sets.addAll(List.of(extra));
        return sets;
    }

    /**
     * Settings (after {@link #sweepSettings}) that make each training step cost about a millisecond of BLAS work: all
     * 3072 features, two hidden layers of 50, mini-batches of 100 from 2000 training images (needs 500 images per
     * batch file). With step-size 250, a trial takes about 1-2 s on one core.
     */
    static final String[] HEAVY = {"knet.data.feature-limit=0", "knet.data.train-limit=2000",
            "knet.network.hidden=[50, 50]", "knet.training.batch-size=100", "knet.training.train-eval-size=500"};

    /** {@code sweep --sweep-id ID --set ...} for the settings. */
    static List<String> sweepArgs(String sweepId, List<String> settings) {
        List<String> args = new ArrayList<>(List.of("sweep", "--sweep-id", sweepId));
        for (String s : settings) {
            args.add("--set");
            args.add(s);
        }
        return args;
    }
}
