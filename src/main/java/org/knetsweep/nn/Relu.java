package org.knetsweep.nn;

/** ReLU {@code H = max(0, Y)}; backward {@code dY = dH * [H > 0]}. Both may work in place. */
public final class Relu {
    private Relu() {
    }

    public static void forward(double[] y, double[] h, int size) {
        for (int i = 0; i < size; i++) h[i] = Math.max(y[i], 0.0);
    }

    /**
     * ReLU with a fixed pattern: h = y where active, else 0. Returns how many units' y had the other sign than the
     * pattern says (kinks the free ReLU would have crossed).
     */
    public static int forwardFrozen(double[] y, boolean[] active, double[] h, int size) {
        int flips = 0;
        for (int i = 0; i < size; i++) {
            if (active[i] != (y[i] > 0)) flips++;
            h[i] = active[i] ? y[i] : 0.0;
        }
        return flips;
    }

    /** dY = dH where the unit was active (H > 0), else 0. dY may alias dH. */
    public static void backward(double[] dH, double[] h, double[] dY, int size) {
        for (int i = 0; i < size; i++) dY[i] = h[i] > 0 ? dH[i] : 0.0;
    }
}
