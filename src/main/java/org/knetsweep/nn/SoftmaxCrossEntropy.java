package org.knetsweep.nn;

/**
 * Softmax output with the cross-entropy loss. For scores S [N, C] and labels y: {@code P = softmax(S)} row-wise
 * (computed after subtracting the row maximum), per-sample loss {@code l_i = -log P[i, y_i]}, and the gradient of
 * the mean loss {@code dS = (P - onehot(y)) / N}.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /**
     * Turns the scores s [n, c] into probabilities in place and writes the per-sample losses into {@code losses}.
     * Returns the number of rows whose highest score is the label (correct predictions).
     */
    public static int forward(double[] s, int n, int c, byte[] labels, int labelOffset, double[] losses) {
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int row = i * c;
            int y = labels[labelOffset + i];
            double max = Double.NEGATIVE_INFINITY;
            int argmax = 0;
            for (int k = 0; k < c; k++) {
                if (s[row + k] > max) {
                    max = s[row + k];
                    argmax = k;
                }
            }
            if (argmax == y) correct++;
            double shiftedY = s[row + y] - max;
            double sum = 0;
            for (int k = 0; k < c; k++) {
                double e = Math.exp(s[row + k] - max);
                s[row + k] = e;
                sum += e;
            }
            losses[i] = Math.log(sum) - shiftedY;
            double inv = 1.0 / sum;
            for (int k = 0; k < c; k++) s[row + k] *= inv;
        }
        return correct;
    }

    /** dS = (P - onehot(y)) / N, written over P. */
    public static void backward(double[] p, int n, int c, byte[] labels, int labelOffset) {
        double scale = 1.0 / n;
        for (int i = 0; i < n; i++) {
            int row = i * c;
            int y = labels[labelOffset + i];
            for (int k = 0; k < c; k++) p[row + k] = (p[row + k] - (k == y ? 1.0 : 0.0)) * scale;
        }
    }
}
