package org.knetsweep.nn;

/**
 * Batch normalization (Ioffe and Szegedy 2015) of S [N, d] followed by the learnable scale and shift, on row-major
 * arrays.
 *
 * <p>Training mode uses the batch statistics:
 * {@code mu = mean_i S, var = mean_i (S - mu)^2, Shat = (S - mu) / sqrt(var + eps), Y = gamma * Shat + beta}.
 * Test mode uses moving averages of mu and var instead.
 *
 * <p>Backward, for dY [N, d]: {@code dbeta = sum_i dY}, {@code dgamma = sum_i dY * Shat},
 * {@code dS = gamma / sqrt(var + eps) * (dY - dbeta / N - Shat * dgamma / N)} (the chain rule through mu and var,
 * simplified).
 */
public final class BatchNorm {
    private BatchNorm() {
    }

    /** Training-mode forward. Writes mu, var [d], Shat [N, d] and Y [N, d]. */
    public static void forwardTrain(double[] s, int n, int d, double[] gamma, double[] beta, double eps, double[] mu,
                                    double[] var, double[] sHat, double[] y) {
        java.util.Arrays.fill(mu, 0, d, 0.0);
        java.util.Arrays.fill(var, 0, d, 0.0);
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) mu[j] += s[row + j];
        }
        for (int j = 0; j < d; j++) mu[j] /= n;
        // corrected two-pass algorithm (Chan, Golub and LeVeque 1983): the sum of the deviations corrects the
        // rounding of the first-pass mean, so mu and var are accurate to a few ulps (the gradient check needs it)
        double[] dev = new double[d];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) {
                double c = s[row + j] - mu[j];
                dev[j] += c;
                var[j] += c * c;
            }
        }
        double[] inv = new double[d];
        for (int j = 0; j < d; j++) {
            double corr = dev[j] / n;
            mu[j] += corr;
            var[j] = var[j] / n - corr * corr;
            inv[j] = 1.0 / Math.sqrt(var[j] + eps);
        }
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) {
                double xh = (s[row + j] - mu[j]) * inv[j];
                sHat[row + j] = xh;
                y[row + j] = gamma[j] * xh + beta[j];
            }
        }
    }

    /** Test-mode forward with given (moving-average) statistics: Y = gamma * (S - mu) / sqrt(var + eps) + beta. */
    public static void forwardTest(double[] s, int n, int d, double[] gamma, double[] beta, double eps, double[] mu,
                                   double[] var, double[] y) {
        double[] scale = new double[d];
        double[] shift = new double[d];
        for (int j = 0; j < d; j++) {
            scale[j] = gamma[j] / Math.sqrt(var[j] + eps);
            shift[j] = beta[j] - mu[j] * scale[j];
        }
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) y[row + j] = s[row + j] * scale[j] + shift[j];
        }
    }

    /** Backward of {@link #forwardTrain}: writes dgamma, dbeta [d] and dS [N, d]. dS may alias dY. */
    public static void backward(double[] dY, int n, int d, double[] sHat, double[] var, double[] gamma, double eps,
                                double[] dGamma, double[] dBeta, double[] dS) {
        java.util.Arrays.fill(dGamma, 0, d, 0.0);
        java.util.Arrays.fill(dBeta, 0, d, 0.0);
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) {
                double gy = dY[row + j];
                dBeta[j] += gy;
                dGamma[j] += gy * sHat[row + j];
            }
        }
        double[] scale = new double[d];
        double[] meanB = new double[d];
        double[] meanG = new double[d];
        for (int j = 0; j < d; j++) {
            scale[j] = gamma[j] / Math.sqrt(var[j] + eps);
            meanB[j] = dBeta[j] / n;
            meanG[j] = dGamma[j] / n;
        }
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) {
                dS[row + j] = scale[j] * (dY[row + j] - meanB[j] - sHat[row + j] * meanG[j]);
            }
        }
    }

    /** Moving average: avg = alpha * avg + (1 - alpha) * batch. */
    public static void updateAverage(double[] avg, double[] batch, double alpha) {
        for (int j = 0; j < avg.length; j++) avg[j] = alpha * avg[j] + (1 - alpha) * batch[j];
    }
}
