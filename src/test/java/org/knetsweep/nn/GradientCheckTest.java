package org.knetsweep.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.config.Precision;
import org.knetsweep.gradcheck.GradientCheck;
import org.knetsweep.gradcheck.TensorCheck;

class GradientCheckTest {
    static NetworkConfig net(boolean bn, Integer... hidden) {
        return new NetworkConfig(List.of(hidden), bn, InitScheme.HE, 0.1, 0.9, 1e-8);
    }

    /** A network with a random batch of n samples, d features. */
    record Setup(Network net, Workspace ws, byte[] labels) {
        static Setup of(NetworkConfig cfg, int n, int d, long seed) {
            Network net = new Network(cfg, d, 10, Precision.FLOAT64, seed);
            Workspace ws = net.workspace(n);
            SplittableRandom rng = new SplittableRandom(seed + 1);
            for (int i = 0; i < n * d; i++) ws.x.set(i, rng.nextGaussian());
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) labels[i] = (byte) rng.nextInt(10);
            return new Setup(net, ws, labels);
        }

        Map<String, Mat> gradients(double lambda) {
            net.forwardTrain(ws, labels, 0, false);
            return net.gradients(ws, labels, 0, lambda);
        }
    }

    static List<TensorCheck> check(NetworkConfig cfg, int n, int d, long seed) {
        Setup s = Setup.of(cfg, n, d, seed);
        return GradientCheck.run(s.net, s.ws, s.labels, 0.01, 1e-4);
    }

    private static String table(List<TensorCheck> checks) {
        return checks.stream().map(Object::toString).collect(Collectors.joining("\n"));
    }

    private static void assertAccurate(List<TensorCheck> checks, double tol) {
        assertTrue(GradientCheck.maxRelError(checks) < tol, table(checks));
        assertTrue(GradientCheck.maxForwardDeviation(checks) < GradientCheck.FORWARD_TOLERANCE, table(checks));
        assertTrue(GradientCheck.passes(checks, tol), table(checks));
    }

    private static TensorCheck tensor(List<TensorCheck> checks, String name) {
        return checks.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void threeLayerWithBatchNormMatchesNumericalGradients() {
        List<TensorCheck> checks = check(net(true, 12, 8), 40, 15, 42);
        assertEquals(List.of("W1", "gamma1", "beta1", "W2", "gamma2", "beta2", "W3", "b3"),
                checks.stream().map(TensorCheck::name).toList());
        // exact cost differences: far below the target, at the level of float64 round-off
        assertAccurate(checks, 1e-8);
    }

    @Test
    void threeLayerWithoutBatchNormMatchesNumericalGradients() {
        List<TensorCheck> checks = check(net(false, 12, 8), 40, 15, 8);
        assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3"), checks.stream().map(TensorCheck::name).toList());
        assertAccurate(checks, 1e-8);
    }

    @Test
    void nineLayerWithBatchNormMatchesNumericalGradients() {
        assertAccurate(check(net(true, 10, 8, 6, 6, 5, 5, 5, 5), 30, 12, 3), 1e-8);
    }

    @Test
    void nineLayerWithoutBatchNormMatchesNumericalGradients() {
        assertAccurate(check(net(false, 10, 8, 6, 6, 5, 5, 5, 5), 30, 12, 4), 1e-8);
    }

    @Test
    void aWrongGradientEntryIsCaught() {
        // one analytical entry off by a relative 1e-5 (as backprop through a deep net might be after a subtle bug)
        // must show as a relative error of about 5e-6 in its tensor, and the others stay accurate
        Setup s = Setup.of(net(true, 10, 8, 6, 6, 5, 5, 5, 5), 30, 12, 3);
        for (String name : List.of("W1", "gamma3", "beta8", "b9")) {
            Map<String, Mat> g = s.gradients(0.01);
            Mat wrong = g.get(name);
            wrong.set(1, wrong.get(1) * (1 + 1e-5));
            List<TensorCheck> checks = GradientCheck.compare(s.net, s.ws, s.labels, 0.01, 1e-4, g);
            assertEquals(5e-6, tensor(checks, name).maxRelError(), 1e-7, table(checks));
            assertFalse(GradientCheck.passes(checks, 1e-6), table(checks));
            for (TensorCheck t : checks) {
                if (!t.name().equals(name)) assertTrue(t.maxRelError() < 1e-8, table(checks));
            }
        }
    }

    @Test
    void aWrongL2TermIsCaught() {
        // gradients that include lambda = 0.5 against a cost without it: every W tensor is off, the others are not
        Setup s = Setup.of(net(true, 6), 20, 5, 1);
        List<TensorCheck> checks = GradientCheck.compare(s.net, s.ws, s.labels, 0.0, 1e-4, s.gradients(0.5));
        assertTrue(tensor(checks, "W1").maxRelError() > 1e-2, table(checks));
        assertTrue(tensor(checks, "W2").maxRelError() > 1e-2, table(checks));
        assertTrue(tensor(checks, "gamma1").maxRelError() < 1e-8, table(checks));
        assertTrue(GradientCheck.passes(GradientCheck.compare(s.net, s.ws, s.labels, 0.5, 1e-4, s.gradients(0.5)),
                1e-8));
    }

    @Test
    void absoluteErrorsAreResolvedToRoundOff() {
        // 1e-9 added to every dW1 entry shows as a max abs diff of 1e-9 within a few 1e-16 (the numerical side's error)
        Setup s = Setup.of(net(true, 8, 6), 25, 7, 11);
        Map<String, Mat> g = s.gradients(0.01);
        Mat w1 = g.get("W1");
        for (int i = 0; i < w1.size(); i++) w1.set(i, w1.get(i) + 1e-9);
        List<TensorCheck> checks = GradientCheck.compare(s.net, s.ws, s.labels, 0.01, 1e-4, g);
        assertEquals(1e-9, tensor(checks, "W1").maxAbsDiff(), 1e-14, table(checks));
        assertTrue(tensor(checks, "W2").maxAbsDiff() < 1e-14, table(checks));
    }

    @Test
    void failsWhenTheCostDifferencesDisagreeWithTheForwardPass() {
        List<TensorCheck> fine = List.of(new TensorCheck("W1", 4, 1e-16, 1e-12, 0, 1e-12));
        assertTrue(GradientCheck.passes(fine, 1e-6));
        List<TensorCheck> off = List.of(new TensorCheck("W1", 4, 1e-16, 1e-12, 0, 1e-12),
                new TensorCheck("b2", 4, 1e-16, 1e-12, 0, 1e-3));
        assertEquals(1e-3, GradientCheck.maxForwardDeviation(off));
        assertFalse(GradientCheck.passes(off, 1e-6));
    }

    @Test
    void leavesTheNetworkAsItFoundIt() {
        Setup s = Setup.of(net(true, 6, 5), 20, 5, 9);
        Map<String, double[]> before = new java.util.HashMap<>();
        s.net.parameters().forEach((k, v) -> before.put(k, v.toArray()));
        GradientCheck.run(s.net, s.ws, s.labels, 0.01, 1e-4);
        s.net.parameters().forEach((k, v) -> assertEquals(java.util.Arrays.toString(before.get(k)),
                java.util.Arrays.toString(v.toArray()), k));
        assertTrue(s.ws.frozen == null);
    }
}
