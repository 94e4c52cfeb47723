package org.knetsweep.search;

/**
 * The split of the observations into a good and a bad group. Of n observations (pending ones included, as the
 * constant liar's worst loss), the good group is the n_good = min(ceil(quantile * n), maxGood) lowest finite losses,
 * ties broken by trial order (the earlier trial first); everything else is bad. An infinite or NaN loss (a failed or
 * diverged trial, or a pending one) is never good, so n_good is also at most the number of finite losses.
 */
final class GoodBadSplit {
    private GoodBadSplit() {
    }

    /** The size of the good group among n observations, before capping at the number of finite losses. */
    static int goodCount(int n, double quantile, int maxGood) {
        // The 1e-9 keeps ceil(0.1 * 30) at 3 however the product rounds.
        int byQuantile = (int) StrictMath.ceil(quantile * n - 1e-9);
        return Math.max(0, Math.min(byQuantile, maxGood));
    }

    /**
     * Marks the good observations.
     *
     * @param losses the losses in trial order (pending points last, as +infinity)
     * @return good[i] true when observation i is in the good group
     */
    static boolean[] good(double[] losses, double quantile, int maxGood) {
        int finite = 0;
        for (double loss : losses) if (Double.isFinite(loss)) finite++;
        int nGood = Math.min(goodCount(losses.length, quantile, maxGood), finite);
        boolean[] good = new boolean[losses.length];
        // n_good passes, each taking the lowest finite loss not yet taken (the earliest trial on a tie): O(n n_good)
        // without boxing, and n_good is at most max-good
        for (int r = 0; r < nGood; r++) {
            int best = -1;
            for (int i = 0; i < losses.length; i++) {
                if (good[i] || !Double.isFinite(losses[i])) continue;
                if (best < 0 || losses[i] < losses[best]) best = i;
            }
            good[best] = true;
        }
        return good;
    }
}
