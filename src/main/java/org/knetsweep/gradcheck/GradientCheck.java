package org.knetsweep.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knetsweep.config.Precision;
import org.knetsweep.nn.CostDifference;
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
 * where J(+h) is the cost with theta_i + h. The numerical side is kept at the level of float64 round-off of the
 * differences themselves, not of the cost:
 * <ul>
 *   <li>the ReLU pattern is frozen at theta ({@link Workspace#freezeActivations()}): a perturbation that would move
 *       a unit across its kink (where J has no derivative in between) then leaves the function smooth, with the
 *       same value and derivative at theta. The count of such entries is reported;</li>
 *   <li>each {@code J(theta + t e_i) - J(theta)} is computed as an exact difference, per sample, by
 *       {@link CostDifference} (the forward pass's algebra rearranged to propagate differences; no derivative), so
 *       it carries no cancellation error. Subtracting two forward passes instead loses about 1e-14 per sample of a
 *       9-layer net to rounding, which divided by h exceeds 1e-6 of the smallest gradient entries (about 1e-8) at
 *       any h where the truncation error is still small;</li>
 *   <li>fourth order: the truncation error is O(h^4), about 1e-10 relative at h = 1e-4 for the 9-layer net;</li>
 *   <li>the per-sample differences and their mean are summed with compensation (Neumaier).</li>
 * </ul>
 * Each difference pass is tied to the network's own forward pass: for every entry, the per-sample losses of
 * {@link Network#forwardTrain} at {@code theta_i + } {@value #FORWARD_STEP} are compared with the base losses plus
 * the difference pass at that step. The largest deviation, relative to the largest per-sample difference plus
 * {@value #FORWARD_FLOOR} of the largest loss (so that the forward pass's own rounding, about 1e-14 of a loss, does
 * not count as a deviation where an entry barely moves the losses), is reported per tensor; above
 * {@value #FORWARD_TOLERANCE} the check fails. A forward pass that computes another function than the one the
 * difference pass models (say, another variance in batch norm) shows there even where backprop agrees with it.
 */
public final class GradientCheck {
    /** Step of the per-entry comparison of the difference pass with the network's forward pass. */
    public static final double FORWARD_STEP = 1e-2;
    /** Fraction of the largest loss added to the scale of the forward comparison (see the class comment). */
    public static final double FORWARD_FLOOR = 1e-4;
    /** Largest accepted relative deviation of the difference pass from the forward pass (round-off is ~1e-11). */
    public static final double FORWARD_TOLERANCE = 1e-9;

    private GradientCheck() {
    }

    /** Checks every parameter of {@code net}, whose workspace {@code ws} holds the batch in ws.x. */
    public static List<TensorCheck> run(Network net, Workspace ws, byte[] labels, double lambda, double h) {
        if (net.precision() != Precision.FLOAT64) throw new IllegalArgumentException("gradient check needs float64");
        net.forwardTrain(ws, labels, 0, false);
        return compare(net, ws, labels, lambda, h, net.gradients(ws, labels, 0, lambda));
    }

    /**
     * Compares {@code analytical} (by parameter name, e.g. from {@link Network#gradients}) with the numerical
     * gradients of the cost with L2 coefficient {@code lambda} at the network's current parameters, over the batch
     * in ws.x.
     */
    public static List<TensorCheck> compare(Network net, Workspace ws, byte[] labels, double lambda, double h,
                                            Map<String, Mat> analytical) {
        if (net.precision() != Precision.FLOAT64) throw new IllegalArgumentException("gradient check needs float64");
        if (!(h > 0)) throw new IllegalArgumentException("h must be positive");
        ws.unfreezeActivations();
        net.forwardTrain(ws, labels, 0, false);
        ws.freezeActivations();
        int n = ws.rows();
        double[][] dl = new double[4][n];
        double[] probe = new double[n];
        double[] offsets = {h, -h, 2 * h, -2 * h};
        List<TensorCheck> out = new ArrayList<>();
        try {
            CostDifference diff = new CostDifference(net, ws, labels, 0);
            double[] base = diff.baseLosses();
            for (Map.Entry<String, Mat> e : net.parameters().entrySet()) {
                String name = e.getKey();
                Mat p = e.getValue();
                Mat a = analytical.get(name);
                if (a == null || a.size() != p.size()) throw new IllegalArgumentException("no gradient for " + name);
                boolean weight = name.startsWith("W");
                double maxAbs = 0;
                double maxRel = 0;
                double maxDev = 0;
                int kinks = 0;
                for (int i = 0; i < p.size(); i++) {
                    double v = p.get(i);
                    boolean kink = false;
                    for (int j = 0; j < 4; j++) kink |= diff.lossDifferences(name, i, offsets[j], dl[j]) > 0;
                    double d1 = meanDifference(dl[0], dl[1]);
                    double d2 = meanDifference(dl[2], dl[3]);
                    if (weight) {
                        // the L2 term's exact differences: lambda ((v + t)^2 - v^2) = lambda t (2v + t)
                        d1 += l2Difference(lambda, v, h) - l2Difference(lambda, v, -h);
                        d2 += l2Difference(lambda, v, 2 * h) - l2Difference(lambda, v, -2 * h);
                    }
                    double num = (8 * d1 - d2) / (12 * h);
                    double an = a.get(i);
                    double abs = Math.abs(an - num);
                    maxAbs = Math.max(maxAbs, abs);
                    maxRel = Math.max(maxRel, abs / Math.max(1e-12, Math.abs(an) + Math.abs(num)));
                    if (kink) kinks++;
                    maxDev = Math.max(maxDev, forwardDeviation(net, ws, labels, diff, base, name, p, i, probe));
                }
                out.add(new TensorCheck(name, p.size(), maxAbs, maxRel, kinks, maxDev));
            }
        } finally {
            ws.unfreezeActivations();
        }
        return out;
    }

    /**
     * max_s |l_s(theta + t e_i) - l_s(theta) - dl_s| / (max_s |dl_s| + FORWARD_FLOOR max_s |l_s(theta)|), l from the
     * network's forward pass and dl from the difference pass, t = {@link #FORWARD_STEP} (as rounded in theta_i + t).
     * Leaves theta unchanged.
     */
    private static double forwardDeviation(Network net, Workspace ws, byte[] labels, CostDifference diff,
                                           double[] base, String name, Mat p, int i, double[] probe) {
        double v = p.get(i);
        double moved = v + FORWARD_STEP;
        p.set(i, moved);
        try {
            net.forwardTrain(ws, labels, 0, false);
        } finally {
            p.set(i, v);
        }
        diff.lossDifferences(name, i, moved - v, probe);
        double dev = 0;
        double scale = 0;
        double loss = 0;
        for (int s = 0; s < probe.length; s++) {
            dev = Math.max(dev, Math.abs(ws.losses[s] - base[s] - probe[s]));
            scale = Math.max(scale, Math.abs(probe[s]));
            loss = Math.max(loss, Math.abs(base[s]));
        }
        return dev == 0 ? 0 : dev / Math.max(scale + FORWARD_FLOOR * loss, Double.MIN_NORMAL);
    }

    private static double l2Difference(double lambda, double v, double t) {
        return lambda * t * (2 * v + t);
    }

    /** mean_s (plus_s - minus_s), summed with Neumaier's compensation. */
    static double meanDifference(double[] plus, double[] minus) {
        double sum = 0;
        double comp = 0;
        for (int s = 0; s < plus.length; s++) {
            double x = plus[s] - minus[s];
            double t = sum + x;
            comp += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }
        return (sum + comp) / plus.length;
    }

    /** The largest relative error over all tensors. */
    public static double maxRelError(List<TensorCheck> checks) {
        return checks.stream().mapToDouble(TensorCheck::maxRelError).max().orElse(0);
    }

    /** The largest deviation of the difference pass from the forward pass over all tensors. */
    public static double maxForwardDeviation(List<TensorCheck> checks) {
        return checks.stream().mapToDouble(TensorCheck::forwardDeviation).max().orElse(0);
    }

    /** Whether every tensor is within {@code tolerance} and every difference pass agrees with the forward pass. */
    public static boolean passes(List<TensorCheck> checks, double tolerance) {
        return maxRelError(checks) <= tolerance && maxForwardDeviation(checks) <= FORWARD_TOLERANCE;
    }
}
