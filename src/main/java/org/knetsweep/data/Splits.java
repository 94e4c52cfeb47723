package org.knetsweep.data;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.knetsweep.KnetException;

/**
 * The seeded split shared by every source: a Fisher-Yates shuffle of the training rows' indices with
 * {@code new SplittableRandom(seed)}, the first {@code validationSize} for validation, the rest (at most
 * {@code trainLimit} if non-zero) for training, in shuffled order; the standardizer fitted on the training rows over
 * the first {@code featureLimit} features (0: all). Deterministic for a seed and a row order.
 */
public final class Splits {
    private Splits() {
    }

    /**
     * Splits {@code rows}; {@code validation} non-null: the validation rows come from that table instead and
     * nothing is held out. {@code what} names the training rows in the validation-size error.
     */
    public static DataSplit split(ImageSet rows, ImageSet validation, ImageSet test, List<String> labelNames,
                                  List<Integer> imageShape, int validationSize, int trainLimit, int featureLimit,
                                  long seed, String what) {
        int n = rows.size();
        int v = validation != null ? 0 : validationSize;
        if (v >= n)
            throw new KnetException("invalid value for knet.data.validation-size: " + v + " (expected fewer than the "
                    + n + " " + what + ")");
        if (featureLimit > rows.width())
            throw new KnetException("invalid value for knet.data.feature-limit: " + featureLimit + " (expected at most "
                    + "the " + rows.width() + " features of the data)");
        int[] order = shuffledIndices(n, seed);
        int trainEnd = trainLimit == 0 ? n : (int) Math.min(n, (long) v + trainLimit);
        ImageSet val = validation != null ? validation : rows.select(Arrays.copyOfRange(order, 0, v));
        ImageSet train = rows.select(Arrays.copyOfRange(order, v, trainEnd));
        int features = featureLimit == 0 ? rows.width() : featureLimit;
        Standardizer standardizer = Standardizer.fit(train, features);
        return new DataSplit(train, val, test, standardizer, labelNames, imageShape);
    }

    /** 0..n-1 shuffled by Fisher-Yates with {@code new SplittableRandom(seed)}. */
    static int[] shuffledIndices(int n, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }
}
