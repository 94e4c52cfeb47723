package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicaStatsTest {
    /** Two-sided 95% critical values t(0.975, dof) of the printed tables (4 decimals). */
    @ParameterizedTest
    @CsvSource({"1, 12.7062", "2, 4.3027", "4, 2.7764", "9, 2.2622", "30, 2.0423"})
    void quantileMatchesTheTables(double dof, double table) {
        assertEquals(table, ReplicaStats.studentTQuantile(0.975, dof), 1e-4);
        assertEquals(-table, ReplicaStats.studentTQuantile(0.025, dof), 1e-4);
    }

    /** Values from scipy.stats.t (1.17): ppf and cdf, including fractional degrees of freedom. */
    @Test
    void quantileAndCdfMatchAReferenceImplementation() {
        assertEquals(12.706204736174694, ReplicaStats.studentTQuantile(0.975, 1), 1e-7);
        assertEquals(2.0422724563012378, ReplicaStats.studentTQuantile(0.975, 30), 1e-7);
        assertEquals(7.163728138948783, ReplicaStats.studentTQuantile(0.995, 2.5), 1e-7);
        assertEquals(3183.098757118502, ReplicaStats.studentTQuantile(0.9999, 1), 1e-4);
        assertEquals(1.959966356814107, ReplicaStats.studentTQuantile(0.975, 1e6), 1e-6);
        assertEquals(0.10890909350767251, ReplicaStats.studentTCdf(-1.5, 3.5), 1e-9);
        assertEquals(0.7471188984587698, ReplicaStats.studentTCdf(0.7, 7.25), 1e-9);
    }

    /**
     * More scipy.stats (1.17) values, checked tightly now that the distribution is commons-math3's: t.ppf, t.cdf and
     * ttest_ind(a, b, equal_var=False) of {0.52, 0.55, 0.51, 0.54} against {0.50, 0.49, 0.53}.
     */
    @Test
    void matchesScipyToTightTolerance() {
        assertEquals(3.16927267261695, ReplicaStats.studentTQuantile(0.995, 10), 1e-10);
        assertEquals(2.0150483733330233, ReplicaStats.studentTQuantile(0.95, 5), 1e-10);
        assertEquals(3.1824463052837078, ReplicaStats.studentTQuantile(0.975, 3), 1e-10);
        assertEquals(0.9633059826146299, ReplicaStats.studentTCdf(2.0, 10), 1e-12);
        assertEquals(0.044916263477164126, ReplicaStats.studentTCdf(-4, 1.5), 1e-12);
        ReplicaStats.Comparison c = ReplicaStats.welch(new double[] {0.52, 0.55, 0.51, 0.54},
                new double[] {0.50, 0.49, 0.53}, 0.05);
        assertEquals(1.5460413650478493, c.t(), 1e-10);
        assertEquals(4.070217917675545, c.dof(), 1e-10);
        assertEquals(0.19578073130485807, c.pValue(), 1e-10);
    }

    /** Closed forms: dof 1 is Cauchy, F = 1/2 + atan(t)/pi; dof 2, F = 1/2 + t / (2 sqrt(2 + t^2)). */
    @Test
    void cdfMatchesTheClosedFormsForOneAndTwoDegreesOfFreedom() {
        for (double t : new double[] {-30, -2.5, -0.3, 0.1, 1, 4.2, 100}) {
            assertEquals(0.5 + Math.atan(t) / Math.PI, ReplicaStats.studentTCdf(t, 1), 1e-9, "dof 1, t " + t);
            assertEquals(0.5 + t / (2 * Math.sqrt(2 + t * t)), ReplicaStats.studentTCdf(t, 2), 1e-9, "dof 2, t " + t);
        }
    }

    @Test
    void cdfIsOneHalfAtZeroSymmetricAndInvertedByTheQuantile() {
        for (double dof : new double[] {0.5, 1, 3, 7.5, 40}) {
            assertEquals(0.5, ReplicaStats.studentTCdf(0, dof), 1e-15);
            assertEquals(0.0, ReplicaStats.studentTQuantile(0.5, dof));
            for (double t : new double[] {0.2, 1.3, 6}) {
                assertEquals(1, ReplicaStats.studentTCdf(t, dof) + ReplicaStats.studentTCdf(-t, dof), 1e-12);
                double p = ReplicaStats.studentTCdf(t, dof);
                assertEquals(t, ReplicaStats.studentTQuantile(p, dof), 1e-8 * Math.max(1, t), "dof " + dof);
            }
        }
        assertEquals(1.0, ReplicaStats.studentTCdf(Double.POSITIVE_INFINITY, 3));
        assertEquals(0.0, ReplicaStats.studentTCdf(Double.NEGATIVE_INFINITY, 3));
        assertEquals(Double.POSITIVE_INFINITY, ReplicaStats.studentTQuantile(1, 3));
        assertThrows(IllegalArgumentException.class, () -> ReplicaStats.studentTQuantile(1.5, 3));
        assertThrows(IllegalArgumentException.class, () -> ReplicaStats.studentTCdf(1, 0));
    }

    /**
     * {0.51, 0.52, 0.50, 0.53}: mean 0.515; squared deviations 0.000025 + 0.000025 + 0.000225 + 0.000225 = 0.0005,
     * sd = sqrt(0.0005 / 3) = 0.0129099; half width t(0.975, 3) * sd / 2 = 3.182446 * 0.0064550 = 0.0205426.
     */
    @Test
    void summaryHasMeanSampleSdAndStudentInterval() {
        ReplicaStats.Summary s = ReplicaStats.of(new double[] {0.51, 0.52, 0.50, 0.53});
        assertEquals(4, s.n());
        assertEquals(0.515, s.mean(), 1e-12);
        assertEquals(0.012909944487358068, s.sd(), 1e-12);
        assertEquals(0.4944573974323948, s.ciLow(), 1e-9);
        assertEquals(0.5355426025676052, s.ciHigh(), 1e-9);
    }

    @Test
    void summaryOfFewerThanTwoValuesHasNoSpread() {
        ReplicaStats.Summary one = ReplicaStats.of(new double[] {0.5});
        assertEquals(1, one.n());
        assertEquals(0.5, one.mean());
        assertTrue(Double.isNaN(one.sd()) && Double.isNaN(one.ciLow()) && Double.isNaN(one.ciHigh()));
        ReplicaStats.Summary none = ReplicaStats.of(new double[0]);
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.mean()) && Double.isNaN(none.sd()));
        ReplicaStats.Summary same = ReplicaStats.of(new double[] {0.5, 0.5, 0.5});
        assertEquals(0.0, same.sd());
        assertEquals(0.5, same.ciLow(), 0);
        assertEquals(0.5, same.ciHigh(), 0);
    }

    /**
     * By hand. a = {0.540, 0.538, 0.542}: mean 0.540, deviations 0, -0.002, +0.002, var = 8e-6 / 2 = 4e-6,
     * var / n = 4/3 e-6. b = {0.536, 0.535, 0.539}: mean 1.610 / 3 = 0.5366667, deviations -2/3, -5/3, +7/3 (e-3),
     * squares 4/9 + 25/9 + 49/9 = 78/9 e-6, var = 39/9 e-6, var / n = 13/9 e-6.
     * se^2 = 12/9 + 13/9 = 25/9 e-6, se = 5/3 e-3; mean difference 0.540 - 0.5366667 = 1/300 = 10/3 e-3, so t = 2.
     * dof = (25/9)^2 / ((12/9)^2 / 2 + (13/9)^2 / 2) = 625 / ((144 + 169) / 2) = 625 / 156.5 = 3.99361.
     * p = 2 P(T > 2) at dof 3.99361. At dof 4 the closed form F(t) = 1/2 + (3/8) v (1 - t^2 / (12 w)) with
     * w = 1 + t^2 / 4, v = t / sqrt(w) gives F(2) = 1/2 + (3/8)(2 / sqrt 2)(5 / 6) = 0.941942, p = 0.116117; the
     * slightly smaller dof gives a slightly larger p, 0.116229 (scipy.stats.ttest_ind(a, b, equal_var=False): t=2.0,
     * df=3.99361, p=0.1162293).
     */
    @Test
    void welchMatchesTheHandComputation() {
        double[] a = {0.540, 0.538, 0.542};
        double[] b = {0.536, 0.535, 0.539};
        ReplicaStats.Comparison c = ReplicaStats.welch(a, b, 0.05);
        assertEquals(2.0, c.t(), 1e-9);
        assertEquals(625 / 156.5, c.dof(), 1e-9);
        assertEquals(0.11622931329953934, c.pValue(), 1e-7);
        assertFalse(c.distinguishable());
        assertTrue(ReplicaStats.welch(a, b, 0.2).distinguishable(), "p 0.116 < alpha 0.2");
        ReplicaStats.Comparison reversed = ReplicaStats.welch(b, a, 0.05);
        assertEquals(-2.0, reversed.t(), 1e-9);
        assertEquals(c.pValue(), reversed.pValue(), 1e-15);
    }

    @Test
    void welchAtDofFourMatchesTheClosedForm() {
        // equal variances and sizes: dof = 2 (n - 1) = 4, where F(t) has the closed form of the test above
        double[] a = {1, 2, 3};
        double[] b = {3, 4, 5};
        ReplicaStats.Comparison c = ReplicaStats.welch(a, b, 0.05);
        // var = 1 each, se = sqrt(2/3), t = -2 / sqrt(2/3) = -sqrt(6)
        double t = -Math.sqrt(6);
        assertEquals(t, c.t(), 1e-12);
        assertEquals(4, c.dof(), 1e-12);
        double w = 1 + t * t / 4;
        double cdf = 0.5 + 0.375 * (Math.abs(t) / Math.sqrt(w)) * (1 - t * t / (12 * w));
        assertEquals(2 * (1 - cdf), c.pValue(), 1e-10);
    }

    @Test
    void welchWithTooFewValuesIsUndefined() {
        ReplicaStats.Comparison c = ReplicaStats.welch(new double[] {0.5}, new double[] {0.4, 0.41}, 0.05);
        assertTrue(Double.isNaN(c.t()) && Double.isNaN(c.dof()) && Double.isNaN(c.pValue()));
        assertFalse(c.distinguishable());
        assertFalse(ReplicaStats.welch(new double[] {0.4, 0.41}, new double[0], 0.05).distinguishable());
    }

    @Test
    void welchWithZeroVariances() {
        ReplicaStats.Comparison different = ReplicaStats.welch(new double[] {0.5, 0.5}, new double[] {0.4, 0.4}, 0.05);
        assertEquals(Double.POSITIVE_INFINITY, different.t());
        assertEquals(0.0, different.pValue());
        assertTrue(different.distinguishable());
        ReplicaStats.Comparison identical = ReplicaStats.welch(new double[] {0.5, 0.5}, new double[] {0.5, 0.5, 0.5},
                0.05);
        assertEquals(0.0, identical.t());
        assertEquals(1.0, identical.pValue());
        assertFalse(identical.distinguishable());
        // one side constant: dof = n - 1 of the other side
        ReplicaStats.Comparison oneSided = ReplicaStats.welch(new double[] {0.5, 0.5, 0.5},
                new double[] {0.4, 0.42, 0.44}, 0.05);
        assertEquals(2, oneSided.dof(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> ReplicaStats.welch(new double[] {1, 2}, new double[] {1, 2}, 0));
    }
}
