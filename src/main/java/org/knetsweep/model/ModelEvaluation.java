package org.knetsweep.model;

import org.knetsweep.data.ImageSet;
import org.knetsweep.train.Evaluation;
import org.knetsweep.train.Evaluator;

/**
 * A model evaluated on labelled images: accuracy, loss and cost from the trainer's own {@link Evaluator} (so the
 * test accuracy of a sweep's saved model is the sweep's {@code test_accuracy} to the last digit), and the confusion
 * matrix of the {@link Predictor}'s labels.
 *
 * @param confusion confusion[true][predicted] counts
 */
public record ModelEvaluation(Evaluation metrics, long[][] confusion, int images) {
    public static ModelEvaluation of(TrainedModel model, ImageSet images) {
        Predictor.checkRows(model, images);
        Evaluation metrics = new Evaluator(model.network(), model.standardizer())
                .evaluate(images, 0, model.manifest().run().training().lambda());
        int c = model.manifest().classes();
        long[][] confusion = new long[c][c];
        Predictor.Predictions p = new Predictor(model).predict(images);
        for (int i = 0; i < images.size(); i++) {
            int y = images.label(i);
            if (y >= 0 && y < c) confusion[y][p.labels()[i]]++;
        }
        return new ModelEvaluation(metrics, confusion, images.size());
    }

    /** Accuracy on the images of class {@code k} (NaN when there are none). */
    public double classAccuracy(int k) {
        long n = 0;
        for (long v : confusion[k]) n += v;
        return n == 0 ? Double.NaN : (double) confusion[k][k] / n;
    }

    /** Images of class {@code k}. */
    public long classCount(int k) {
        long n = 0;
        for (long v : confusion[k]) n += v;
        return n;
    }
}
