package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.config.TpeConfig;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialSummary;

/**
 * The ask/tell loop with a runner that finishes jobs after random delays, so in random order: what each decision
 * sees, and so every job started, is the same at 1, 2 and 5 slots and for every completion order; at most lag + 1
 * jobs run at once.
 */
class AskTellLoopTest {
    /** Finishes each job after a random delay; its "accuracy" is a smooth function of the trial's point. */
    static final class ShuffledRunner implements TrialRunner {
        final int slots;
        final Random delays;
        final ExecutorService pool = Executors.newCachedThreadPool();
        final AtomicInteger running = new AtomicInteger();
        int maxRunning;

        ShuffledRunner(int slots, long seed) {
            this.slots = slots;
            this.delays = new Random(seed);
        }

        @Override
        public int slots() {
            return slots;
        }

        @Override
        public List<TrialSummary> run(Stage stage, List<TrialSpec> specs, StageProgress progress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized CompletableFuture<TrialSummary> start(TrialSpec spec) {
            maxRunning = Math.max(maxRunning, running.incrementAndGet());
            long delay = delays.nextInt(8);
            return CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                double l = spec.log10Lambda();
                double e = Math.log10(spec.run().training().etaMax());
                double rung = spec.rung() == null ? 1 : spec.rung().cycles();
                double acc = 0.9 - 0.1 * (l + 2.5) * (l + 2.5) - 0.2 * (e + 1.2) * (e + 1.2) - 0.1 / (1 + rung);
                return new TrialSummary(spec.trialId(), TrainingStatus.COMPLETE, l, acc, 1, false);
            }, pool);
        }
    }

    /** A store that holds nothing: every job is new. */
    static final TrialStoreStub EMPTY = new TrialStoreStub();

    static LoadedConfig config(String... sets) {
        List<String> all = new ArrayList<>(List.of("knet.sweep.space.log10-lambda={type=uniform, min=-4, max=-1}",
                "knet.sweep.space.eta-max={type=log-uniform, min=0.01, max=0.3}", "knet.training.cycles=2"));
        all.addAll(List.of(sets));
        return ConfigLoader.load(null, all);
    }

    static List<String> startedSpecs(LoadedConfig cfg, int slots, long delaySeed, boolean asha, int lag) {
        ShuffledRunner runner = new ShuffledRunner(slots, delaySeed);
        Proposer proposer = Proposer.tpe(cfg.sweep().effectiveSpace(), cfg.sweep().tpe(), cfg.run().seed(),
                Stage.COARSE);
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        java.util.function.BiFunction<Integer, Map<SpaceParam, Object>, TrialSpec> spec = (i, p) -> {
            var run = org.knetsweep.config.SearchSpace.apply(p, cfg.run())
                    .withSeed(SeedPolicy.trialSeed(cfg.run().seed(), Stage.COARSE, i));
            return new TrialSpec("s", Stage.COARSE, i, (Double) p.get(SpaceParam.LOG10_LAMBDA), run, 1, false, "h",
                    false);
        };
        AskTellLoop.Policy inner = asha
                ? new AsyncHalvingPolicy(16, proposer, spec, cfg.sweep().halving(), EMPTY, 2)
                : new TrialStreamPolicy(16, proposer, spec);
        AskTellLoop.Policy recording = (event, visible) -> {
            AskTellLoop.Decision d = inner.decide(event, visible);
            if (d.start() != null) started.add(d.start().trialId() + (d.start().rung() == null ? ""
                    : "@" + d.start().rung().index()) + " " + d.start().log10Lambda() + " "
                    + d.start().run().training().etaMax());
            return d;
        };
        StageProgress quiet = new StageProgress(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                Stage.COARSE, 16, 10_000);
        new AskTellLoop(runner, EMPTY, lag).run(recording, quiet);
        runner.pool.shutdown();
        // started and unfinished: at most one queued job per slot beyond the running ones, and never beyond the lag
        assertTrue(runner.maxRunning <= Math.min(AskTellLoop.inFlight(slots), lag + 1), "running " + runner.maxRunning);
        return List.copyOf(started);
    }

    @Test
    void tpeStartsTheSameTrialsWhateverTheSlotsAndTheCompletionOrder() {
        LoadedConfig cfg = config("knet.sweep.sampler=tpe", "knet.sweep.tpe.startup-trials=4",
                "knet.sweep.tpe.lag=2");
        List<String> one = startedSpecs(cfg, 1, 1, false, 2);
        assertEquals(16, one.size());
        for (int slots : new int[] {2, 5})
            for (long order = 1; order <= 3; order++) assertEquals(one, startedSpecs(cfg, slots, order, false, 2));
        // a different lag sees other results, so proposes other points after the start-up
        assertTrue(!one.equals(startedSpecs(cfg, 2, 1, false, 0)));
    }

    @Test
    void asynchronousHalvingMakesTheSameDecisionsWhateverTheSlotsAndTheCompletionOrder() {
        LoadedConfig cfg = config("knet.sweep.sampler=tpe", "knet.sweep.tpe.startup-trials=4",
                "knet.sweep.halving.enabled=true", "knet.sweep.halving.asynchronous=true", "knet.sweep.halving.eta=2");
        List<String> one = startedSpecs(cfg, 1, 1, true, 3);
        assertTrue(one.stream().anyMatch(s -> s.contains("@2 ")), one.toString());
        assertEquals(16, one.stream().filter(s -> s.contains("@0 ")).count());
        for (int slots : new int[] {2, 5})
            for (long order = 1; order <= 3; order++) assertEquals(one, startedSpecs(cfg, slots, order, true, 3));
    }

    @Test
    void tpeSettingsDefaultToTheDocumentedValues() {
        assertEquals(TpeConfig.DEFAULT, config("knet.sweep.sampler=tpe").sweep().tpe());
        assertEquals(15, TpeConfig.DEFAULT.lag());
    }

    /** A store with no rows. */
    static final class TrialStoreStub implements org.knetsweep.trial.TrialStore {
        @Override public String root() { return "none"; }
        @Override public Optional<org.knetsweep.trial.SweepRecord> readSweep(String id) { return Optional.empty(); }
        @Override public void writeSweep(org.knetsweep.trial.SweepRecord r) { }
        @Override public boolean hasTrial(String s, String t) { return false; }
        @Override public Optional<TrialOutcome> readTrial(String s, String t) { return Optional.empty(); }
        @Override public List<TrialOutcome> readTrials(String s) { return List.of(); }
        @Override public void writeTrial(TrialOutcome o) { }
        @Override public void writeTrialRow(TrialOutcome o) { }
        @Override public boolean hasRung(String s, String t, int r) { return false; }
        @Override public Optional<TrialOutcome> readRung(String s, String t, int r) { return Optional.empty(); }
        @Override public List<TrialOutcome> readRungs(String s) { return List.of(); }
        @Override public void writeRung(TrialOutcome o) { }
        @Override public void writeCheckpoint(String s, String t, int r, byte[] b) { }
        @Override public Optional<byte[]> readCheckpoint(String s, String t, int r) { return Optional.empty(); }
        @Override public int deleteCheckpoints(String s, String p) { return 0; }
        @Override public void writeCandidates(String s, String st, List<org.knetsweep.trial.Candidate> c) { }
        @Override public List<org.knetsweep.trial.Candidate> readCandidates(String s) { return List.of(); }
    }
}
