package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.cli.InProcessKnet;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.model.SavedModels;
import org.knetsweep.results.ResultStore;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrialOutcome;

/** A two-parameter space (log10-lambda and eta-max, Sobol) end to end on synthetic data. */
class JointSearchTest {
    static final String[] JOINT = {
            "knet.sweep.space={ log10-lambda { type = uniform, min = -3, max = -1 },"
                    + " eta-max { type = log-uniform, min = 0.02, max = 0.3 } }",
            "knet.sweep.sampler=sobol"};

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() {
        data = SyntheticData.write(dir.resolve("in"), 100);
    }

    static SweepResult sweep(Path results, String id, SweepDriverTest.CountingRunner[] runnerOut) {
        return sweep(results, id, runnerOut, new PrintStream(new ByteArrayOutputStream()));
    }

    static SweepResult sweep(Path results, String id, SweepDriverTest.CountingRunner[] runnerOut, PrintStream log) {
        LoadedConfig cfg = ConfigLoader.load(null, SyntheticData.tinySweep(data, results, JOINT));
        ResultStore store = new ResultStore(cfg.sweep().resultsRoot(), Map.of());
        SweepDriverTest.CountingRunner runner = new SweepDriverTest.CountingRunner(new LocalTrialRunner(store, SavedModels.sink(store), log));
        if (runnerOut != null) runnerOut[0] = runner;
        return new SweepDriver(cfg, runner, store, log).run(id, "local", "app", "v");
    }

    @Test
    void coarseFineAndFinalSearchBothParametersAndTheFineStageStaysAroundTheBest() {
        SweepResult r = sweep(dir.resolve("j1"), "j1", null);
        assertEquals(SweepStatus.COMPLETE, r.sweep().status());
        assertTrue(r.sweep().space().contains("eta-max = {type = log-uniform, min = 0.02, max = 0.3}"),
                r.sweep().space());
        List<TrialOutcome> coarse = r.trials().stream().filter(t -> t.stage() == Stage.COARSE).toList();
        assertEquals(4, coarse.size());
        Set<Double> etas = coarse.stream().map(TrialOutcome::etaMax).collect(Collectors.toSet());
        assertEquals(4, etas.size()); // eta-max is searched: every coarse trial has its own
        for (TrialOutcome t : coarse) {
            assertTrue(t.etaMax() >= 0.02 && t.etaMax() <= 0.3, "" + t.etaMax());
            assertEquals(1e-4, t.etaMin(), 0.0); // not in the space: the base value
            assertEquals(Math.pow(10, t.log10Lambda()), t.lambda(), 0.0);
        }
        // the fine points lie within best +- the distance of the two best coarse points (or the minimum 0.05)
        List<TrialOutcome> ranked = LambdaSearch.ranked(coarse);
        TrialOutcome b1 = ranked.get(0);
        TrialOutcome b2 = ranked.get(1);
        double dl = Math.max(Math.abs(b1.log10Lambda() - b2.log10Lambda()), 0.05);
        double de = Math.max(Math.abs(Math.log10(b1.etaMax()) - Math.log10(b2.etaMax())), 0.05);
        for (TrialOutcome t : r.trials()) {
            if (t.stage() != Stage.FINE) continue;
            assertTrue(Math.abs(t.log10Lambda() - b1.log10Lambda()) <= dl + 1e-12, t.trialId());
            assertTrue(Math.abs(Math.log10(t.etaMax()) - Math.log10(b1.etaMax())) <= de + 1e-9, t.trialId());
            assertTrue(t.etaMax() >= 0.02 - 1e-12 && t.etaMax() <= 0.3 + 1e-12, "" + t.etaMax());
        }
        TrialOutcome fin = r.trials().stream().filter(t -> t.stage() == Stage.FINAL).findFirst().orElseThrow();
        TrialOutcome best = r.trials().stream().filter(t -> t.trialId().equals(r.sweep().bestTrialId()))
                .findFirst().orElseThrow();
        assertEquals(best.log10Lambda(), fin.log10Lambda(), 0.0);
        assertEquals(best.etaMax(), fin.etaMax(), 0.0);
        assertEquals(2, fin.cycles());
        ResultStore store = new ResultStore(dir.resolve("j1").toString(), Map.of());
        assertEquals(best.etaMax(), store.readCandidates("j1").stream()
                .filter(c -> c.candidateId().equals(best.trialId())).findFirst().orElseThrow().settings().etaMax(), 0.0);
    }

    @Test
    void progressLinesNameBothSearchedParameters() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SweepResult r = sweep(dir.resolve("j4"), "j4", null, new PrintStream(bytes, true));
        String log = bytes.toString();
        for (TrialOutcome t : r.trials()) {
            String point = String.format(java.util.Locale.ROOT, "log10_lambda=%.4f eta_max=%s", t.log10Lambda(),
                    new java.math.BigDecimal(t.etaMax()).round(new java.math.MathContext(4)).stripTrailingZeros()
                            .toPlainString());
            assertTrue(log.contains("| " + t.trialId() + " done " + point + " val "), point + "\n" + log);
        }
        assertTrue(log.contains("| best val "), log);
        assertTrue(!log.contains("log10(lambda) -"), log); // not the one-parameter wording
    }

    @Test
    void aKilledJointSweepResumesWithoutRetrainingStoredTrials() {
        Path results = dir.resolve("j2");
        SweepResult first = sweep(results, "j2", null);
        Path trials = results.resolve("trials").resolve("sweep_id=j2");
        for (TrialOutcome t : first.trials()) {
            if (t.stage() == Stage.FINAL || t.trialIndex() >= 1 && t.stage() == Stage.FINE)
                assertTrue(trials.resolve("trial-" + t.trialId() + ".parquet").toFile().delete());
        }
        SweepDriverTest.CountingRunner[] runner = new SweepDriverTest.CountingRunner[1];
        SweepResult again = sweep(results, "j2", runner);
        assertEquals(List.of("fine-001", "fine-002", "final-000"), runner[0].ran);
        SweepDriverTest.assertSameColumn(first, again, TrialOutcome::log10Lambda);
        SweepDriverTest.assertSameColumn(first, again, TrialOutcome::etaMax);
        SweepDriverTest.assertSameColumn(first, again, TrialOutcome::valAccuracy);
    }

    @Test
    @Tag("spark")
    void aJointSweepIsBitIdenticalOnOneAndTwoSparkExecutorsThreads() {
        List<List<Object>> rows = new ArrayList<>();
        for (String master : List.of("local[1]", "local[2]")) {
            Path results = dir.resolve("j3-" + master.replaceAll("\\W", ""));
            List<String> args = new ArrayList<>(List.of("sweep", "--master", master, "--sweep-id", "j3"));
            for (String s : SyntheticData.tinySweep(data, results, JOINT)) {
                args.add("--set");
                args.add(s);
            }
            // "auto" would give local[1] one final network and local[2] two: set it, so both train the same two
            args.addAll(List.of("--set", "knet.sweep.final.replicas=2"));
            InProcessKnet.Run run = InProcessKnet.knet(args);
            assertEquals(0, run.status(), run.out() + run.err());
            // the summary names both searched parameters of the top trials and of the best point
            assertTrue(run.out().matches("(?s).*  coarse top val accuracy: [0-9.]+ \\(log10_lambda=-[0-9.]+ "
                    + "eta_max=[0-9.]+\\).*"), run.out());
            assertTrue(run.out().matches("(?s).*  best point: log10_lambda=-[0-9.]+ eta_max=[0-9.]+\n.*"), run.out());
            List<Object> columns = new ArrayList<>();
            for (TrialOutcome t : new ResultStore(results.toString(), Map.of()).readTrials("j3")) {
                columns.add(List.of(t.trialId(), t.log10Lambda(), t.lambda(), t.etaMax(), t.seed(), t.steps(),
                        t.valAccuracy(), t.valCost(), t.valLoss(), t.testAccuracy(), t.status()));
            }
            rows.add(columns);
        }
        assertEquals(9, rows.get(0).size());
        assertEquals(rows.get(0), rows.get(1));
    }
}
