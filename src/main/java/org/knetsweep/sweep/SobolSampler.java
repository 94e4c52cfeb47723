package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.knetsweep.config.SearchSpace;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.trial.Stage;

/**
 * A scrambled Sobol sequence: the points of the Sobol low-discrepancy sequence (commons-math3, Joe and Kuo's direction
 * numbers), each dimension's 52-bit fraction XORed with a random digital shift drawn from the stage's generator
 * ({@link SeedPolicy#stageRandom}). The shift keeps the sequence's stratification (every dyadic interval holds its
 * share of points) while making the draws differ between seeds and stages. The first point is used too.
 */
public final class SobolSampler implements SpaceSampler {
    private static final int BITS = 52;
    private static final double SCALE = 0x1p52;

    @Override
    public List<Map<SpaceParam, Object>> sample(SearchSpace space, int n, long sweepSeed, Stage stage) {
        int dims = space.dimensions().size();
        List<Map<SpaceParam, Object>> out = new ArrayList<>(n);
        for (double[] u : unitPoints(dims, n, SeedPolicy.stageRandom(sweepSeed, stage))) out.add(space.at(u));
        return out;
    }

    /** {@code n} scrambled Sobol points in [0, 1)^dims. */
    static List<double[]> unitPoints(int dims, int n, SplittableRandom rng) {
        long[] shift = new long[dims];
        for (int d = 0; d < dims; d++) shift[d] = rng.nextLong() >>> (64 - BITS);
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(Math.max(1, dims));
        List<double[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] v = sobol.nextVector();
            double[] u = new double[dims];
            for (int d = 0; d < dims; d++) u[d] = (((long) (v[d] * SCALE)) ^ shift[d]) / SCALE;
            out.add(u);
        }
        return out;
    }
}
