package org.knetsweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.TpeConfig;

/** Prints the cost of one proposal at 1,000 observations of a 4-D space; a benchmark, so no timing assertion. */
class TpeCostBenchmarkTest {
    @Test
    void printsTheCostOfOneSuggestionAtAThousandObservations() {
        SyntheticProblems.Problem p = SyntheticProblems.bowl();
        SplittableRandom data = new SplittableRandom(3);
        List<Observation> done = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            double[] x = SyntheticProblems.uniform(p.dims(), data);
            done.add(new Observation(x, p.loss().applyAsDouble(x)));
        }
        List<double[]> pending = new ArrayList<>();
        for (int i = 0; i < 15; i++) pending.add(SyntheticProblems.uniform(p.dims(), data));
        TpeConfig d = TpeConfig.DEFAULT;
        for (boolean multivariate : new boolean[]{true, false}) {
            TpeConfig cfg = new TpeConfig(d.startupTrials(), d.quantile(), d.maxGood(), d.candidates(),
                    d.priorWeight(), multivariate, d.lag(), d.minBandwidth());
            Tpe tpe = new Tpe(cfg, p.dims());
            SplittableRandom rng = new SplittableRandom(1);
            for (int i = 0; i < 300; i++) assertEquals(4, tpe.suggest(done, pending, rng).length); // warm-up
            // rounds of 200 calls: the fastest round is the figure least disturbed by other load on the machine
            int calls = 200;
            // wall time and the thread's CPU time (the latter less disturbed by other processes on a busy machine)
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double[] ms = new double[7];
            double[] cpuMs = new double[ms.length];
            for (int round = 0; round < ms.length; round++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) tpe.suggest(done, pending, rng);
                ms[round] = (System.nanoTime() - start) / 1e6 / calls;
                cpuMs[round] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / calls;
            }
            Arrays.sort(ms);
            Arrays.sort(cpuMs);
            System.out.printf(Locale.ROOT, "tpe suggest, 1000 observations + 15 pending, 4-D, %d candidates, "
                    + "multivariate %s: %.3f ms per call (fastest of %d rounds of %d; median round %.3f ms); "
                    + "CPU time %.3f ms (fastest), %.3f ms (median)%n", cfg.candidates(), multivariate, ms[0],
                    ms.length, calls, ms[ms.length / 2], cpuMs[0], cpuMs[ms.length / 2]);
        }
    }
}
