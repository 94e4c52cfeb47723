package org.knetsweep.model;

import org.knetsweep.KnetException;
import org.knetsweep.data.ImageSet;
import org.knetsweep.nn.Network;
import org.knetsweep.nn.Workspace;
import org.knetsweep.train.Batcher;

/**
 * Class probabilities of a {@link TrainedModel} for images, through the trainer's own code: the images are
 * standardized by the {@link Batcher} and scored by {@link Network#forwardTest} in chunks of {@value #CHUNK} rows
 * (one GEMM per layer and chunk), exactly as the trainer's evaluator does, so the probabilities are the same floats.
 * One predictor per thread: it keeps its network's workspaces.
 */
public final class Predictor {
    /** Rows per forward pass, as in the trainer's evaluator. */
    public static final int CHUNK = 500;

    /** Predictions for n images: the most probable class of each and the probabilities [n, classes] row-major. */
    public record Predictions(int[] labels, double[] probabilities, int classes) {
        public int size() {
            return labels.length;
        }

        /** Probability of class k for image i. */
        public double probability(int i, int k) {
            return probabilities[i * classes + k];
        }
    }

    private final TrainedModel model;
    private final Network net;
    private final Batcher standardization;
    private Workspace full;
    private Workspace tail;

    public Predictor(TrainedModel model) {
        this.model = model;
        this.net = model.network();
        this.standardization = new Batcher(new ImageSet(new byte[0], new byte[0]), model.standardizer());
    }

    public TrainedModel model() {
        return model;
    }

    /**
     * Checks that {@code rows} fit the model: at least its input width, and, for a model trained on a table, exactly
     * the table's width (CIFAR-10 images given to such a model are refused rather than scored as its features).
     */
    public static void checkRows(TrainedModel model, ImageSet rows) {
        ModelManifest m = model.manifest();
        var data = m.run().data();
        boolean exact = data.isTable() && data.featureLimit() == 0;
        if (rows.width() < m.inputs() || exact && rows.width() != m.inputs())
            throw new KnetException("model " + m.sweepId() + "/" + m.trialId() + " takes rows of " + m.inputs()
                    + " features" + (data.isTable() ? " (trained on table " + data.table().train() + ")" : "")
                    + ", not rows of " + rows.width());
    }

    /** Predictions for all of {@code images} (their labels are ignored). */
    public Predictions predict(ImageSet images) {
        checkRows(model, images);
        int n = images.size();
        int c = model.manifest().classes();
        int[] labels = new int[n];
        double[] probs = new double[n * c];
        Batcher batcher = standardization.over(images);
        byte[] ignored = new byte[Math.min(CHUNK, Math.max(n, 1))];
        for (int from = 0; from < n; from += CHUNK) {
            int rows = Math.min(CHUNK, n - from);
            Workspace ws = workspace(rows);
            batcher.fill(ws.x, null, from, ignored);
            java.util.Arrays.fill(ignored, (byte) 0);
            net.forwardTest(ws, ignored, 0);
            double[] p = ws.probabilities();
            System.arraycopy(p, 0, probs, from * c, rows * c);
            for (int r = 0; r < rows; r++) labels[from + r] = argmax(p, r * c, c);
        }
        return new Predictions(labels, probs, c);
    }

    /** The workspace for a batch of {@code rows}: one for full batches, one for the last size of a shorter one. */
    private Workspace workspace(int rows) {
        if (rows == CHUNK) {
            if (full == null) full = net.workspace(CHUNK);
            return full;
        }
        if (tail == null || tail.x.rows() != rows) tail = net.workspace(rows);
        return tail;
    }

    /** The first index of the largest of {@code v[from, from + c)}. */
    static int argmax(double[] v, int from, int c) {
        int best = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
            if (v[from + k] > max) {
                max = v[from + k];
                best = k;
            }
        }
        return best;
    }
}
