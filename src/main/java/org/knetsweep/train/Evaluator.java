package org.knetsweep.train;

import java.util.HashMap;
import java.util.Map;
import org.knetsweep.data.ImageSet;
import org.knetsweep.data.Standardizer;
import org.knetsweep.nn.Network;
import org.knetsweep.nn.Workspace;

/**
 * Test-mode evaluation of one network over (the first {@code limit} images of) image sets, in chunks of
 * {@value #CHUNK} rows.
 *
 * <p>One evaluator serves a whole training run and keeps its workspaces: a 500-row workspace holds 6 MB of off-heap
 * memory (float32), which the JVM frees only when a garbage collection happens to find its wrapper unreachable; a
 * run evaluates twice per epoch, and fresh workspaces each time let a 20-epoch run leave about 250 MB of such memory
 * behind.
 */
public final class Evaluator {
    static final int CHUNK = 500;

    private final Network net;
    private final Standardizer standardizer;
    private final Map<Integer, Workspace> workspaces = new HashMap<>();

    public Evaluator(Network net, Standardizer standardizer) {
        this.net = net;
        this.standardizer = standardizer;
    }

    /** Evaluates on (the first {@code limit} of) {@code images}, standardizing them as it goes. */
    public Evaluation evaluate(ImageSet images, int limit, double lambda) {
        return evaluate(new Batcher(images, standardizer), limit, lambda);
    }

    /**
     * Evaluates on (the first {@code limit} of) the batcher's images, e.g. the training batcher, whose rows are
     * already standardized: the same values, copied instead of computed.
     */
    public Evaluation evaluate(Batcher batcher, int limit, double lambda) {
        ImageSet images = batcher.images();
        int n = limit > 0 ? Math.min(limit, images.size()) : images.size();
        if (n == 0) return new Evaluation(Double.NaN, Double.NaN, Double.NaN);
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int rows = Math.min(CHUNK, n - from);
            Workspace ws = workspaces.computeIfAbsent(rows, net::workspace);
            byte[] labels = new byte[rows];
            batcher.fill(ws.x, null, from, labels);
            net.forwardTest(ws, labels, 0);
            lossSum += ws.lossSum();
            correct += ws.correct();
        }
        double loss = lossSum / n;
        return new Evaluation(loss, loss + lambda * net.weightSquares(), (double) correct / n);
    }
}
