package org.knetsweep.gradcheck;

/**
 * Comparison of one parameter tensor's analytical and numerical gradients.
 *
 * @param name             parameter name (W1, gamma2, ...)
 * @param elements         number of entries compared
 * @param maxAbsDiff       max |a - n|
 * @param maxRelError      max |a - n| / max(1e-12, |a| + |n|)
 * @param kinks            entries whose perturbation crossed a ReLU kink (handled by the frozen pattern)
 * @param forwardDeviation max relative deviation of the exact cost differences from the network's forward pass
 *                         (see {@link GradientCheck})
 */
public record TensorCheck(String name, int elements, double maxAbsDiff, double maxRelError, int kinks,
                          double forwardDeviation) {
}
