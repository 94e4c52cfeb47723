package org.knetsweep.train;

import org.knetsweep.data.ImageSet;
import org.knetsweep.data.Standardizer;
import org.knetsweep.nn.Network;
import org.knetsweep.nn.Workspace;

/** Test-mode evaluation of a network over (the first {@code limit} images of) an image set, in chunks. */
public final class Evaluator {
    private static final int CHUNK = 500;

    private Evaluator() {
    }

    public static Evaluation evaluate(Network net, ImageSet images, Standardizer standardizer, int limit,
                                      double lambda) {
        int n = limit > 0 ? Math.min(limit, images.size()) : images.size();
        if (n == 0) return new Evaluation(Double.NaN, Double.NaN, Double.NaN);
        Batcher batcher = new Batcher(images, standardizer);
        double lossSum = 0;
        long correct = 0;
        Workspace full = null;
        for (int from = 0; from < n; from += CHUNK) {
            int rows = Math.min(CHUNK, n - from);
            Workspace ws;
            if (rows == CHUNK) {
                if (full == null) full = net.workspace(CHUNK);
                ws = full;
            } else {
                ws = net.workspace(rows);
            }
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
