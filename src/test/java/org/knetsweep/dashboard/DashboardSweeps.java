package org.knetsweep.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.results.ModelFiles;
import org.knetsweep.results.ResultStore;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.FinalTest;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/**
 * Stored sweeps for the dashboard tests, written with {@link ResultStore} as a sweep writes them: coarse trials that
 * vary log10(lambda), eta-max and the hidden widths, epoch curves, a final stage with an interval over three
 * replicas, candidates, and a saved model with its manifest.
 */
final class DashboardSweeps {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final String SCRIPT = "<script>alert(1)</script>";

    private DashboardSweeps() {
    }

    static LoadedConfig config(int coarse) {
        return ConfigLoader.load(null, List.of("sweep.coarse.trials=" + coarse, "sweep.fine.trials=0",
                "sweep.final.replicas=3"));
    }

    /** Validation accuracy of a trial: best near log10(lambda) = -2.2 and eta-max = 0.05. */
    static double accuracy(double log10Lambda, double etaMax) {
        return 0.5 - 0.04 * Math.pow(log10Lambda + 2.2, 2) - 2 * Math.pow(etaMax - 0.05, 2);
    }

    /** Coarse trial {@code i} of {@code n}: finished 10 s apart, {@code epochs} epochs of 10 steps. */
    static TrialOutcome coarse(String sweepId, int i, int n, int epochs, String hash) {
        return trial(sweepId, Stage.COARSE, String.format("coarse-%04d", i), i, epochs, hash).build();
    }

    static org.knetsweep.trial.TrialOutcomeBuilder trial(String sweepId, Stage stage, String trialId, int i, int epochs,
                                                         String hash) {
        double lambda = -3 + 2.0 * ((i * 0.618034) % 1.0);
        double etaMax = 0.01 + 0.09 * ((i * 0.414214) % 1.0);
        double acc = accuracy(lambda, etaMax);
        List<EpochMetrics> curve = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            double p = (double) e / epochs;
            curve.add(new EpochMetrics(e, 10L * e, etaMax * p, 2.3 - p, 2.2 - p, acc * p + 0.05, 2.3 - 0.8 * p,
                    2.25 - 0.8 * p, acc * p));
        }
        Instant start = T0.plusSeconds(10L * i);
        return TrialOutcome.builder(sweepId, stage, trialId, i)
                .lambda(lambda, Math.pow(10, lambda)).hidden(i % 2 == 0 ? List.of(50, 30) : List.of(50, 50))
                .batchNorm(true).init("he").initSigma(Double.NaN).seed(42L + i).cycles(1).epochs(epochs)
                .steps(10L * epochs).status(TrainingStatus.COMPLETE).valAccuracy(acc).bestValAccuracy(acc)
                .valCost(1.5).valLoss(1.45).trainAccuracy(acc + 0.05).trainCost(1.4).trainLoss(1.35)
                .testAccuracy(Double.NaN).wallMs(9_000L).executorId("driver").host("127.0.0.1").configHash(hash)
                .startedAt(start).finishedAt(start.plusSeconds(9)).epochCurve(curve).etaMin(1e-5).etaMax(etaMax)
                .stepSize(500).batchSize(100);
    }

    /** A whole sweep: {@code n} coarse trials, three final replicas, candidates, a model; status as given. */
    static void write(ResultStore store, String sweepId, String name, int n, int epochs, SweepStatus status) {
        LoadedConfig cfg = config(n);
        SweepRecord running = new SweepRecord(sweepId, name, cfg.rendered(), SweepStatus.RUNNING, T0, null, null,
                Double.NaN, Double.NaN, Double.NaN, "local[2]", "local-1", "knet-sweep test " + SCRIPT, "", "");
        store.writeSweep(running);
        for (int i = 0; i < n; i++) store.writeTrial(coarse(sweepId, i, n, epochs, cfg.hash()));
        if (status == SweepStatus.RUNNING) return;
        Instant end = T0.plusSeconds(10L * n + 60);
        double[] tests = {0.52, 0.53, 0.51};
        for (int r = 0; r < 3; r++) {
            store.writeTrial(trial(sweepId, Stage.FINAL, String.format("final-%03d", r), 0, epochs, cfg.hash())
                    .replica(r).testAccuracy(tests[r]).finishedAt(end.minusSeconds(5)).build());
        }
        store.writeCandidates(sweepId, "coarse", List.of(
                new Candidate(Stage.COARSE, "coarse-0001", 1, -2.2, 3, 0.50, 0.01, 0.475, 0.525, 1,
                        new double[] {0.49, 0.5, 0.51}),
                new Candidate(Stage.COARSE, "coarse-0002", 2, -2.5, 3, 0.48, 0.01, 0.455, 0.505, 2,
                        new double[] {0.47, 0.48, 0.49})));
        ModelFiles models = new ModelFiles(store);
        models.write(sweepId, "final-000", Map.of("manifest.json",
                "{\"format\":\"knet-model\",\"note\":\"manifest of final-000\"}".getBytes(StandardCharsets.UTF_8)));
        models.writeRow(new ModelFiles.Row(sweepId, "final-000", models.dir(sweepId, "final-000"), 1, 1234, 0.52));
        store.writeSweep(running.finished(status, end, "coarse-0001", -2.2, 0.5, 0.52, "note " + SCRIPT)
                .withFinalTest(new FinalTest(3, 0.52, 0.01, 0.495, 0.545, "train")));
    }
}
