package org.knetsweep.dashboard;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.OptionalInt;

/**
 * The number of trials a sweep's stored configuration plans, for "done of planned": a grid's cells, or a search's
 * coarse and fine trials and the range-edge guard's extension when it extends, plus seed replicas of each stage's top
 * candidates and
 * the final stage's networks. Successive halving stops trials early but plans the same trials. An {@code auto}
 * count of final replicas is taken from the sweep row's {@code final_replicas}, else counted as one. Empty when the
 * configuration cannot be read (a sweep stored by another version); the page then shows the count done only.
 */
final class PlannedTrials {
    private static final String SWEEP = "knet.sweep.";

    private PlannedTrials() {
    }

    static OptionalInt of(String config, Long finalReplicas) {
        if (config == null || config.isBlank()) return OptionalInt.empty();
        try {
            Config c = ConfigFactory.parseString(config);
            boolean grid = "grid".equals(string(c, "mode", ""));
            int stages = grid ? grid(c) + replicated(c, 1) : search(c) + replicated(c, 2);
            if (bool(c, "final.enabled", true)) stages += finalNetworks(c, finalReplicas);
            return OptionalInt.of(stages);
        } catch (ConfigException e) {
            return OptionalInt.empty();
        }
    }

    private static int grid(Config c) {
        int cells = 1;
        for (String key : List.of("batch-norm", "hidden", "init", "init-sigma", "log10-lambda", "cycles")) {
            String path = SWEEP + "grid." + key;
            if (c.hasPath(path)) cells *= Math.max(1, c.getList(path).size());
        }
        return cells;
    }

    private static int search(Config c) {
        int coarse = integer(c, "coarse.trials", 10);
        int fine = integer(c, "fine.trials", 10);
        int extend = bool(c, "edge.extend", false) ? integer(c, "edge.trials", 5) : 0;
        return coarse + fine + extend;
    }

    /** Fresh-seed re-runs of the top candidates of each of {@code stages} stages. */
    private static int replicated(Config c, int stages) {
        int replicas = integer(c, "replicas", 0);
        return replicas > 0 ? stages * integer(c, "replicas-top-k", 3) * replicas : 0;
    }

    private static int finalNetworks(Config c, Long stored) {
        String path = SWEEP + "final.replicas";
        if (c.hasPath(path)) {
            String value = c.getValue(path).unwrapped().toString().strip();
            if (value.matches("\\d{1,6}")) return Integer.parseInt(value);
        }
        return stored != null && stored > 0 ? stored.intValue() : 1;
    }

    private static int integer(Config c, String key, int fallback) {
        return c.hasPath(SWEEP + key) ? c.getInt(SWEEP + key) : fallback;
    }

    private static boolean bool(Config c, String key, boolean fallback) {
        return c.hasPath(SWEEP + key) ? c.getBoolean(SWEEP + key) : fallback;
    }

    private static String string(Config c, String key, String fallback) {
        return c.hasPath(SWEEP + key) ? c.getString(SWEEP + key) : fallback;
    }
}
