package org.knetsweep.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.InitScheme;
import org.knetsweep.config.NetworkConfig;
import org.knetsweep.config.Precision;
import org.knetsweep.nn.check.GradientCheck;
import org.knetsweep.nn.check.TensorCheck;

class GradientCheckTest {
    static NetworkConfig net(boolean bn, Integer... hidden) {
        return new NetworkConfig(List.of(hidden), bn, InitScheme.HE, 0.1, 0.9, 1e-8);
    }

    static List<TensorCheck> check(NetworkConfig cfg, int n, int d, long seed) {
        Network net = new Network(cfg, d, 10, Precision.FLOAT64, seed);
        Workspace ws = net.workspace(n);
        SplittableRandom rng = new SplittableRandom(seed + 1);
        for (int i = 0; i < n * d; i++) ws.x.set(i, rng.nextGaussian());
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) labels[i] = (byte) rng.nextInt(10);
        return GradientCheck.run(net, ws, labels, 0.01, 1e-4);
    }

    private static void assertAccurate(List<TensorCheck> checks, double tol) {
        String table = checks.stream().map(Object::toString).collect(Collectors.joining("\n"));
        assertTrue(GradientCheck.maxRelError(checks) < tol, table);
    }

    @Test
    void threeLayerWithBatchNormMatchesNumericalGradients() {
        List<TensorCheck> checks = check(net(true, 12, 8), 40, 15, 42);
        assertEquals(List.of("W1", "gamma1", "beta1", "W2", "gamma2", "beta2", "W3", "b3"),
                checks.stream().map(TensorCheck::name).toList());
        assertAccurate(checks, 1e-6);
    }

    @Test
    void threeLayerWithoutBatchNormMatchesNumericalGradients() {
        List<TensorCheck> checks = check(net(false, 12, 8), 40, 15, 8);
        assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3"), checks.stream().map(TensorCheck::name).toList());
        assertAccurate(checks, 1e-6);
    }

    @Test
    void nineLayerWithBatchNormMatchesNumericalGradients() {
        assertAccurate(check(net(true, 10, 8, 6, 6, 5, 5, 5, 5), 30, 12, 3), 1e-6);
    }

    @Test
    void aWrongGradientIsCaught() {
        // Sanity of the checker itself: perturb one analytical entry through a wrong lambda and expect failure.
        NetworkConfig cfg = net(true, 6);
        Network net = new Network(cfg, 5, 10, Precision.FLOAT64, 1);
        Workspace ws = net.workspace(20);
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 100; i++) ws.x.set(i, rng.nextGaussian());
        byte[] labels = new byte[20];
        for (int i = 0; i < 20; i++) labels[i] = (byte) rng.nextInt(10);
        List<TensorCheck> right = GradientCheck.run(net, ws, labels, 0.5, 1e-4);
        assertTrue(GradientCheck.maxRelError(right) < 1e-6);
        // a network whose cost omits lambda while gradients include it: compare gradients at lambda 0.5 vs cost at 0
        net.forwardTrain(ws, labels, 0, false);
        Mat g = net.gradients(ws, labels, 0, 0.5).get("W1");
        net.forwardTrain(ws, labels, 0, false);
        Mat g0 = net.gradients(ws, labels, 0, 0.0).get("W1");
        double w = net.parameters().get("W1").get(0);
        assertEquals(2 * 0.5 * w, g.get(0) - g0.get(0), 1e-12);
    }
}
