package org.knetsweep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.Precision;

class LayersTest {
    @Test
    void softmaxCrossEntropyOnHandComputedCases() {
        // equal scores: p = 1/3 each, loss ln 3; scores (0, ln 2, ln 5) for label 2: p = 5/8, loss ln(8/5)
        double[] s = {0, 0, 0, 0, Math.log(2), Math.log(5)};
        double[] losses = new double[2];
        int correct = SoftmaxCrossEntropy.forward(s, 2, 3, new byte[] {1, 2}, 0, losses);
        assertEquals(Math.log(3), losses[0], 1e-12);
        assertEquals(Math.log(8.0 / 5.0), losses[1], 1e-12);
        assertEquals(1, correct); // row 0 ties go to class 0, row 1 predicts class 2
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0, 1 / 8.0, 2 / 8.0, 5 / 8.0}, s, 1e-12);
        SoftmaxCrossEntropy.backward(s, 2, 3, new byte[] {1, 2}, 0);
        assertArrayEquals(new double[] {1 / 6.0, -1 / 3.0, 1 / 6.0, 1 / 16.0, 2 / 16.0, -3 / 16.0}, s, 1e-12);
    }

    @Test
    void batchNormTrainModeNormalizesEachColumn() {
        int n = 64;
        int d = 3;
        double[] s = new double[n * d];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < s.length; i++) s[i] = 5 + 3 * rng.nextGaussian() + i % d;
        double[] mu = new double[d];
        double[] var = new double[d];
        double[] sHat = new double[n * d];
        double[] y = new double[n * d];
        BatchNorm.forwardTrain(s, n, d, new double[] {1, 2, 1}, new double[] {0, 0, -1}, 1e-12, mu, var, sHat, y);
        for (int j = 0; j < d; j++) {
            double m = 0;
            double v = 0;
            for (int i = 0; i < n; i++) m += sHat[i * d + j] / n;
            for (int i = 0; i < n; i++) v += Math.pow(sHat[i * d + j] - m, 2) / n;
            assertEquals(0, m, 1e-12);
            assertEquals(1, v, 1e-9);
        }
        assertEquals(2 * sHat[1], y[1], 1e-12);
        assertEquals(sHat[2] - 1, y[2], 1e-12);
    }

    @Test
    void batchNormTestModeWithTheBatchStatisticsEqualsTrainMode() {
        int n = 10;
        int d = 2;
        double[] s = new double[n * d];
        for (int i = 0; i < s.length; i++) s[i] = Math.sin(i) * 4 + 1;
        double[] g = {1.5, 0.5};
        double[] b = {0.1, -0.2};
        double[] mu = new double[d];
        double[] var = new double[d];
        double[] train = new double[n * d];
        BatchNorm.forwardTrain(s, n, d, g, b, 1e-5, mu, var, new double[n * d], train);
        double[] test = new double[n * d];
        BatchNorm.forwardTest(s, n, d, g, b, 1e-5, mu, var, test);
        assertArrayEquals(train, test, 1e-12);
        // with other statistics test mode differs: moving averages, not the batch, decide
        double[] other = new double[n * d];
        BatchNorm.forwardTest(s, n, d, g, b, 1e-5, new double[] {0, 0}, new double[] {1, 1}, other);
        assertEquals(g[0] * s[0] / Math.sqrt(1 + 1e-5) + b[0], other[0], 1e-12);
    }

    @Test
    void movingAverageDecaysWithAlpha() {
        double[] avg = {1, 2};
        BatchNorm.updateAverage(avg, new double[] {3, 4}, 0.9);
        assertArrayEquals(new double[] {1.2, 2.2}, avg, 1e-12);
    }

    @Test
    void heInitializationHasVarianceTwoOverFanIn() {
        Mat w = Mat.zeros(Precision.FLOAT64, 400, 250);
        Initializers.fill(w, Initializers.heSigma(400), new SplittableRandom(3));
        double mean = 0;
        for (int i = 0; i < w.size(); i++) mean += w.get(i) / w.size();
        double var = w.sumOfSquares() / w.size() - mean * mean;
        assertEquals(0, mean, 3e-4);
        assertEquals(2.0 / 400, var, 2.0 / 400 * 0.02);
    }

    @Test
    void gemmMatchesNaiveProductsWithTransposes() {
        for (Precision p : Precision.values()) {
            Mat a = Mat.of(p, 2, 3, 1, 2, 3, 4, 5, 6);
            Mat b = Mat.of(p, 3, 2, 7, 8, 9, 10, 11, 12);
            Mat c = Mat.zeros(p, 2, 2);
            Mat.gemm(a, false, b, false, c, 1, 0);
            assertArrayEquals(new double[] {58, 64, 139, 154}, c.toArray(), 1e-6);
            Mat.gemm(a, false, b, false, c, -1, 2); // c = 2c - ab = ab
            assertArrayEquals(new double[] {58, 64, 139, 154}, c.toArray(), 1e-6);
            Mat at = Mat.zeros(p, 3, 3);
            Mat.gemm(a, true, a, false, at, 1, 0); // A^T A
            assertEquals(1 * 1 + 4 * 4, at.get(0, 0), 1e-6);
            assertEquals(2 * 3 + 5 * 6, at.get(1, 2), 1e-6);
            Mat abt = Mat.zeros(p, 2, 2);
            Mat.gemm(a, false, a, true, abt, 1, 0); // A A^T
            assertEquals(1 * 4 + 2 * 5 + 3 * 6, abt.get(0, 1), 1e-6);
        }
    }

    @Test
    void reluBackwardMaskIsExactlyTheTestGreaterThanZero() {
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1.0, -1.0, Double.MAX_VALUE,
                -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                Double.longBitsToDouble(0xFFF8000000000000L), Double.longBitsToDouble(0x7FF0000000000001L)};
        for (double h : edges) {
            long mask = Relu.positiveMask(Double.doubleToRawLongBits(h));
            assertEquals(h > 0 ? -1L : 0L, mask, "mask of " + h);
        }
        SplittableRandom rng = new SplittableRandom(5);
        int n = 1000;
        double[] h = new double[n];
        double[] dH = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = i % 7 == 0 ? 0.0 : rng.nextGaussian();
            dH[i] = rng.nextGaussian();
        }
        double[] dY = new double[n];
        Relu.backward(dH, h, dY, n);
        for (int i = 0; i < n; i++) {
            double expected = h[i] > 0 ? dH[i] : 0.0;
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(dY[i]), "unit " + i);
        }
        Relu.backward(dH, h, dH, n); // in place
        assertArrayEquals(dY, dH);
    }

    @Test
    void onHeapMatricesRoundToTheirPrecisionAndStayOutOfGemm() {
        Mat f = Mat.onHeap(Precision.FLOAT32, 1, 3);
        f.set(0, 0.1);
        assertEquals((double) 0.1f, f.get(0));
        f.write(new double[] {1.0 / 3, 2.0 / 3, 0.7});
        assertArrayEquals(new double[] {(double) (1f / 3), (double) (2f / 3), (double) 0.7f}, f.toArray());
        assertEquals((double) 0.7f, f.values()[2]);
        Mat d = Mat.onHeap(Precision.FLOAT64, 1, 3);
        d.write(new double[] {1.0 / 3, 2.0 / 3, 0.7});
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 0.7}, d.toArray());
        Mat copy = d.copy();
        assertEquals(true, copy.isOnHeap());
        copy.set(0, 5);
        assertEquals(1.0 / 3, d.get(0)); // a copy, not a view
        Mat offHeap = Mat.zeros(Precision.FLOAT64, 3, 1);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Mat.gemm(d, false, offHeap, false, Mat.zeros(Precision.FLOAT64, 1, 1), 1, 0));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("heap"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> offHeap.values());
    }

    @Test
    void batchNormColumnLoopsEqualTheRowByRowFormulasToTheBit() {
        SplittableRandom rng = new SplittableRandom(17);
        int n = 37;
        for (int d : new int[] {1, 3, 4, 5, 8, 11, 50}) {
            double[] s = new double[n * d];
            double[] dY = new double[n * d];
            for (int i = 0; i < s.length; i++) {
                s[i] = 3 * rng.nextGaussian() + 1;
                dY[i] = rng.nextGaussian();
            }
            double[] gamma = new double[d];
            double[] beta = new double[d];
            for (int j = 0; j < d; j++) {
                gamma[j] = rng.nextGaussian();
                beta[j] = rng.nextGaussian();
            }
            double eps = 1e-8;
            // reference: row by row, sums accumulated into arrays in row order
            double[] mu = new double[d];
            double[] var = new double[d];
            double[] dev = new double[d];
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mu[j] += s[i * d + j];
            for (int j = 0; j < d; j++) mu[j] /= n;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double c = s[i * d + j] - mu[j];
                    dev[j] += c;
                    var[j] += c * c;
                }
            }
            for (int j = 0; j < d; j++) {
                double corr = dev[j] / n;
                mu[j] += corr;
                var[j] = var[j] / n - corr * corr;
            }
            double[] sHat = new double[n * d];
            double[] y = new double[n * d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    sHat[i * d + j] = (s[i * d + j] - mu[j]) * (1.0 / Math.sqrt(var[j] + eps));
                    y[i * d + j] = gamma[j] * sHat[i * d + j] + beta[j];
                }
            }
            double[] dBeta = new double[d];
            double[] dGamma = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    dBeta[j] += dY[i * d + j];
                    dGamma[j] += dY[i * d + j] * sHat[i * d + j];
                }
            }
            double[] dS = new double[n * d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double scale = gamma[j] / Math.sqrt(var[j] + eps);
                    dS[i * d + j] = scale * (dY[i * d + j] - dBeta[j] / n - sHat[i * d + j] * (dGamma[j] / n));
                }
            }

            double[] mu2 = new double[d];
            double[] var2 = new double[d];
            double[] sHat2 = new double[n * d];
            double[] y2 = new double[n * d];
            BatchNorm.forwardTrain(s, n, d, gamma, beta, eps, mu2, var2, sHat2, y2);
            assertArrayEquals(mu, mu2, 0.0, "mu, d = " + d);
            assertArrayEquals(var, var2, 0.0, "var, d = " + d);
            assertArrayEquals(sHat, sHat2, 0.0, "sHat, d = " + d);
            assertArrayEquals(y, y2, 0.0, "y, d = " + d);
            double[] dGamma2 = new double[d];
            double[] dBeta2 = new double[d];
            double[] dS2 = dY.clone();
            BatchNorm.backward(dS2, n, d, sHat2, var2, gamma, eps, dGamma2, dBeta2, dS2); // in place
            assertArrayEquals(dBeta, dBeta2, 0.0, "dbeta, d = " + d);
            assertArrayEquals(dGamma, dGamma2, 0.0, "dgamma, d = " + d);
            assertArrayEquals(dS, dS2, 0.0, "dS, d = " + d);
            double[] yTest = new double[n * d];
            BatchNorm.forwardTest(s, n, d, gamma, beta, eps, mu2, var2, yTest);
            for (int i = 0; i < n * d; i++) assertEquals(y[i], yTest[i], 1e-12, "test mode, d = " + d);
        }
    }
}
