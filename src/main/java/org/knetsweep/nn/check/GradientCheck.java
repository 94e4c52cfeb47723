package org.knetsweep.nn.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knetsweep.config.Precision;
import org.knetsweep.nn.Mat;
import org.knetsweep.nn.Network;
import org.knetsweep.nn.Workspace;

/**
 * Centered-difference check of a network's analytical gradients, in float64, over one batch in training mode
 * (batch statistics, so the cost couples all samples of the batch). For each parameter entry theta_i the numerical
 * derivative is the fourth-order centered difference
 * <pre>
 *   n = (8 (J(+h) - J(-h)) - (J(+2h) - J(-2h))) / 12h,    rel = |a - n| / max(1e-12, |a| + |n|)
 * </pre>
 * where J(+h) is the cost with theta_i + h. Three measures keep the numerical side at the level of float64
 * round-off rather than of the method:
 * <ul>
 *   <li>fourth order: the truncation error is O(h^4) instead of O(h^2), so h can be 1e-4 and the round-off
 *       error, which grows as 1/h, stays near 1e-14;</li>
 *   <li>the loss differences are summed per sample, {@code sum_i (l_i(+) - l_i(-)) / N}, rather than taken between
 *       two sums of about N * 2.3, which removes the summation's cancellation error;</li>
 *   <li>the ReLU pattern is frozen at theta ({@link Workspace#freezeActivations()}): a perturbation that would move
 *       a unit across its kink (where J has no derivative in between) then leaves the function smooth, with the
 *       same value and derivative at theta. The count of such entries is reported.</li>
 * </ul>
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /** Checks every parameter of {@code net}, whose workspace {@code ws} holds the batch in ws.x. */
    public static List<TensorCheck> run(Network net, Workspace ws, byte[] labels, double lambda, double h) {
        if (net.precision() != Precision.FLOAT64) throw new IllegalArgumentException("gradient check needs float64");
        net.forwardTrain(ws, labels, 0, false);
        Map<String, Mat> analytical = net.gradients(ws, labels, 0, lambda);
        net.forwardTrain(ws, labels, 0, false);
        ws.freezeActivations();
        int n = ws.rows();
        double[][] losses = new double[4][n];
        double[] offsets = {h, -h, 2 * h, -2 * h};
        List<TensorCheck> out = new ArrayList<>();
        try {
            for (Map.Entry<String, Mat> e : net.parameters().entrySet()) {
                String name = e.getKey();
                Mat p = e.getValue();
                Mat a = analytical.get(name);
                boolean weight = name.startsWith("W");
                double maxAbs = 0;
                double maxRel = 0;
                int kinks = 0;
                for (int i = 0; i < p.size(); i++) {
                    double v = p.get(i);
                    boolean kink = false;
                    for (int j = 0; j < 4; j++) {
                        p.set(i, v + offsets[j]);
                        net.forwardTrain(ws, labels, 0, false);
                        kink |= ws.kinks() > 0;
                        System.arraycopy(ws.losses, 0, losses[j], 0, n);
                    }
                    p.set(i, v);
                    double d1 = 0;
                    double d2 = 0;
                    for (int s = 0; s < n; s++) {
                        d1 += losses[0][s] - losses[1][s];
                        d2 += losses[2][s] - losses[3][s];
                    }
                    d1 /= n;
                    d2 /= n;
                    if (weight) {
                        d1 += lambda * (square(v + h) - square(v - h));
                        d2 += lambda * (square(v + 2 * h) - square(v - 2 * h));
                    }
                    double num = (8 * d1 - d2) / (12 * h);
                    double an = a.get(i);
                    double abs = Math.abs(an - num);
                    maxAbs = Math.max(maxAbs, abs);
                    maxRel = Math.max(maxRel, abs / Math.max(1e-12, Math.abs(an) + Math.abs(num)));
                    if (kink) kinks++;
                }
                out.add(new TensorCheck(name, p.size(), maxAbs, maxRel, kinks));
            }
        } finally {
            ws.unfreezeActivations();
        }
        return out;
    }

    private static double square(double x) {
        return x * x;
    }

    /** The largest relative error over all tensors. */
    public static double maxRelError(List<TensorCheck> checks) {
        return checks.stream().mapToDouble(TensorCheck::maxRelError).max().orElse(0);
    }
}
