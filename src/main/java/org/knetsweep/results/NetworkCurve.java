package org.knetsweep.results;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Which of a trial's {@code epochs} rows are the curve of the network it ended with. A trial's rows carry the rung
 * they were trained in (none for a trial that was not halved). A rung that continues the one below it numbers its
 * epochs on from there; a rung trained from scratch starts again at epoch 1: with {@code knet.sweep.halving.restarts}
 * the top rung trains the trial on its own schedule from its first step, and the rungs below it were screening runs.
 * The network's curve is then the rows from the last rung that starts at epoch 1 up; without such a rung, all rows.
 */
public final class NetworkCurve {
    private NetworkCurve() {
    }

    /**
     * The rows of the trial's final network, in their given order.
     *
     * @param rows  one trial's epoch rows
     * @param rung  a row's rung, negative for none
     * @param epoch a row's epoch number (1 = the first epoch of a network)
     */
    public static <T> List<T> of(List<T> rows, ToIntFunction<T> rung, ToIntFunction<T> epoch) {
        int start = -1;
        for (T r : rows) if (rung.applyAsInt(r) > start && epoch.applyAsInt(r) == 1) start = rung.applyAsInt(r);
        if (start <= 0) return rows;
        int from = start;
        return rows.stream().filter(r -> rung.applyAsInt(r) >= from).toList();
    }
}
