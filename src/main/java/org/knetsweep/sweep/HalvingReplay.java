package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.knetsweep.KnetException;
import org.knetsweep.config.HalvingConfig;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/**
 * What successive halving ({@link SuccessiveHalving}) would have done to one stage of a finished sweep, simulated on
 * the stored epoch curves without training: which trials it stops at which rung, the training steps it saves, and
 * whether it keeps the stage's winner.
 *
 * <p>Only trials that ran to the end are replayed: status COMPLETE, a final validation accuracy, and an epoch curve
 * reaching the trial's full {@code steps}, replica 0 (the policy runs before replicas); the others are reported as
 * excluded.
 *
 * <p>For each trial: steps per epoch from its curve (the step of epoch 1), steps per cycle = steps / cycles, and its
 * rung ends from {@link SuccessiveHalving#rungSteps}, so trials of equal configuration share their rung ends and
 * others (a grid's different cycles) have their own. Rungs are indexed by position; a trial with fewer rungs than the
 * stage stays at its last one (its full run). A trial's score at a rung is the validation accuracy of the epoch row
 * at the rung's end step (or the last row before it). Rung by rung, {@link SuccessiveHalving#promote} picks the
 * trials that go on; those entering the last rung train fully and survive.
 */
public final class HalvingReplay {
    /**
     * One rung of the replay.
     *
     * @param endSteps the distinct end steps of the trials entering it, increasing (one unless configurations differ)
     * @param kept     trials promoted to the next rung; at the last rung, the survivors (all that entered)
     */
    public record Rung(int index, List<Long> endSteps, int entering, int kept) {
        public Rung {
            endSteps = List.copyOf(endSteps);
        }
    }

    /** A trial the policy stops at rung {@code rung} (after {@code step} steps) with validation accuracy {@code score}. */
    public record Stopped(String trialId, int trialIndex, double log10Lambda, int rung, long step, double score,
                          double finalValAccuracy) {
    }

    /** A trial that trains fully under the policy, or the winner of a ranking: its final validation accuracy. */
    public record Pick(String trialId, int trialIndex, double log10Lambda, double valAccuracy) {
        static Pick of(TrialOutcome t) {
            return new Pick(t.trialId(), t.trialIndex(), t.log10Lambda(), t.valAccuracy());
        }
    }

    /** A stored trial left out of the replay, and why. */
    public record Excluded(String trialId, String reason) {
    }

    /**
     * The replay of one stage.
     *
     * @param stepsWithPolicy steps the replayed trials train under the policy: each stopped trial to its rung's end,
     *                        each survivor fully
     * @param stepsWithout    steps they trained without it (their full steps)
     * @param winner          best final validation accuracy of the replayed trials (ties: lower trial index)
     * @param winnerKept      the policy trains the winner fully
     * @param policyWinner    best final validation accuracy among the survivors; empty only when no trial had a
     *                        finite score at some rung
     */
    public record Result(String stage, HalvingConfig policy, List<Rung> rungs, List<Stopped> stopped,
                         List<Pick> survivors, List<Excluded> excluded, long stepsWithPolicy, long stepsWithout,
                         Pick winner, boolean winnerKept, Optional<Pick> policyWinner) {
        public Result {
            rungs = List.copyOf(rungs);
            stopped = List.copyOf(stopped);
            survivors = List.copyOf(survivors);
            excluded = List.copyOf(excluded);
        }

        /** Share of the steps the policy saves: {@code 1 - stepsWithPolicy / stepsWithout}. */
        public double savedFraction() {
            return 1 - (double) stepsWithPolicy / stepsWithout;
        }

        /** The rung at which the policy stops the winner; empty when it keeps it. */
        public Optional<Stopped> winnerStopped() {
            return stopped.stream().filter(s -> s.trialId().equals(winner.trialId())).findFirst();
        }
    }

    /** A replayed trial with its rung ends. */
    private record Candidate(TrialOutcome trial, List<Long> ends) {
        long end(int rung) {
            return ends.get(Math.min(rung, ends.size() - 1));
        }
    }

    private HalvingReplay() {
    }

    /**
     * Replays the policy on the stored trials of one stage.
     *
     * @throws KnetException when no trial can be replayed (naming the stage and why each trial was left out), or when
     *                       the policy's first budget is not below a trial's full budget (naming the trial)
     */
    public static Result replay(List<TrialOutcome> stageTrials, HalvingConfig policy) {
        String stage = stageLabel(stageTrials);
        List<Candidate> candidates = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        for (TrialOutcome t : stageTrials) {
            Optional<String> why = exclusion(t);
            if (why.isPresent()) excluded.add(new Excluded(t.trialId(), why.get()));
            else candidates.add(new Candidate(t, rungEnds(t, policy)));
        }
        if (candidates.isEmpty()) {
            throw new KnetException("no trial of stage " + stage + " can be replayed: " + excluded.stream()
                    .map(e -> e.trialId() + " " + e.reason()).collect(Collectors.joining("; ")));
        }

        int rungCount = candidates.stream().mapToInt(c -> c.ends().size()).max().orElseThrow();
        List<Rung> rungs = new ArrayList<>();
        List<Stopped> stopped = new ArrayList<>();
        List<Candidate> entering = candidates;
        for (int r = 0; r < rungCount && !entering.isEmpty(); r++) {
            final int rung = r;
            List<Long> ends = entering.stream().map(c -> c.end(rung)).distinct().sorted().toList();
            if (r == rungCount - 1) {
                rungs.add(new Rung(r, ends, entering.size(), entering.size()));
                break;
            }
            List<SuccessiveHalving.Entry> entries = entering.stream()
                    .map(c -> new SuccessiveHalving.Entry(c.trial().trialId(), c.trial().trialIndex(),
                            scoreAt(c.trial().epochCurve(), c.end(rung))))
                    .toList();
            Set<String> promoted = new HashSet<>();
            for (SuccessiveHalving.Entry e : SuccessiveHalving.promote(entries, policy.eta())) promoted.add(e.trialId());
            for (int i = 0; i < entering.size(); i++) {
                TrialOutcome t = entering.get(i).trial();
                if (promoted.contains(t.trialId())) continue;
                stopped.add(new Stopped(t.trialId(), t.trialIndex(), t.log10Lambda(), r, entering.get(i).end(r),
                        entries.get(i).score(), t.valAccuracy()));
            }
            rungs.add(new Rung(r, ends, entering.size(), promoted.size()));
            entering = entering.stream().filter(c -> promoted.contains(c.trial().trialId())).toList();
        }

        List<TrialOutcome> survivors = entering.stream().map(Candidate::trial).toList();
        long with = stopped.stream().mapToLong(Stopped::step).sum()
                + survivors.stream().mapToLong(TrialOutcome::steps).sum();
        long without = candidates.stream().mapToLong(c -> c.trial().steps()).sum();
        TrialOutcome winner = LambdaSearch.ranked(candidates.stream().map(Candidate::trial).toList()).get(0);
        Optional<Pick> policyWinner = LambdaSearch.best(survivors).map(Pick::of);
        stopped.sort(Comparator.comparingInt(Stopped::rung).thenComparingInt(Stopped::trialIndex));
        boolean winnerKept = survivors.stream().anyMatch(t -> t.trialId().equals(winner.trialId()));
        return new Result(stage, policy, rungs, stopped, survivors.stream().map(Pick::of).toList(), excluded, with,
                without, Pick.of(winner), winnerKept, policyWinner);
    }

    /** Why a stored trial cannot be replayed, or empty when it can. */
    public static Optional<String> exclusion(TrialOutcome t) {
        if (t.replica() != 0) return Optional.of("is replica " + t.replica() + " of " + t.candidateId());
        if (t.status() != TrainingStatus.COMPLETE) return Optional.of("has status " + t.status());
        if (t.steps() <= 0 || t.cycles() <= 0) {
            return Optional.of("has no training budget (steps " + t.steps() + ", cycles " + t.cycles() + ")");
        }
        if (!Double.isFinite(t.valAccuracy())) return Optional.of("has no final validation accuracy");
        if (t.epochCurve().isEmpty()) return Optional.of("has no stored epoch curve");
        long last = t.epochCurve().stream().mapToLong(EpochMetrics::step).max().orElseThrow();
        if (last < t.steps()) return Optional.of("has an epoch curve ending at step " + last + " of " + t.steps());
        return Optional.empty();
    }

    /**
     * The rung end steps of one trial: {@link SuccessiveHalving#rungSteps} with its steps, steps per cycle
     * ({@code steps / cycles}) and steps per epoch ({@link #stepsPerEpoch}).
     */
    static List<Long> rungEnds(TrialOutcome t, HalvingConfig policy) {
        long perEpoch = stepsPerEpoch(t.epochCurve());
        try {
            return SuccessiveHalving.rungSteps(policy, t.steps(), t.steps() / t.cycles(), perEpoch);
        } catch (KnetException e) {
            throw new KnetException(String.format(Locale.ROOT, "cannot replay %s (%d cycles, %d steps, %d per epoch): %s",
                    t.trialId(), t.cycles(), t.steps(), perEpoch, e.getMessage()), e);
        }
    }

    /**
     * Training steps per epoch: the step of epoch 1, else the step difference of the first two rows divided by their
     * epoch difference, else (one row) its step divided by its epoch.
     */
    static long stepsPerEpoch(List<EpochMetrics> curve) {
        List<EpochMetrics> rows = curve.stream()
                .sorted(Comparator.comparingInt(EpochMetrics::epoch).thenComparingLong(EpochMetrics::step)).toList();
        for (EpochMetrics m : rows) {
            if (m.epoch() == 1 && m.step() > 0) return m.step();
        }
        for (int i = 0; i + 1 < rows.size(); i++) {
            int epochs = rows.get(i + 1).epoch() - rows.get(i).epoch();
            long steps = rows.get(i + 1).step() - rows.get(i).step();
            if (epochs > 0 && steps > 0) return Math.max(1, steps / epochs);
        }
        EpochMetrics only = rows.get(0);
        return Math.max(1, only.step() / Math.max(1, only.epoch()));
    }

    /**
     * The validation accuracy at {@code step}: of the row at that step, else of the last row before it; NaN when the
     * curve has no row at or before it.
     */
    static double scoreAt(List<EpochMetrics> curve, long step) {
        return curve.stream().filter(m -> m.step() <= step)
                .max(Comparator.comparingLong(EpochMetrics::step).thenComparingInt(EpochMetrics::epoch))
                .map(EpochMetrics::valAccuracy).orElse(Double.NaN);
    }

    /** The one stage of the trials (its label). */
    private static String stageLabel(List<TrialOutcome> trials) {
        if (trials.isEmpty()) throw new IllegalArgumentException("no trials to replay");
        Set<Stage> stages = trials.stream().map(TrialOutcome::stage).collect(Collectors.toSet());
        if (stages.size() != 1 || stages.contains(null)) {
            throw new IllegalArgumentException("trials of one stage expected, got stages " + stages);
        }
        return stages.iterator().next().label();
    }
}
