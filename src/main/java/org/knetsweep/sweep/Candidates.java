package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/**
 * Candidates of a search stage and the choice among them, as pure functions of the stored trials. A candidate is a
 * hyperparameter setting (a stage's trial index) with the validation accuracies of its completed runs: replica 0 and
 * any fresh-seed replicas. Ranking uses the mean; with replicas the choice is made among the replicated candidates
 * only, so that a single lucky run cannot beat an average.
 */
public final class Candidates {
    /** Significance level of the winner-versus-runner-up test. */
    public static final double ALPHA = 0.05;

    private Candidates() {
    }

    /** The stage's candidates from its completed trials, best mean first, ranked 1, 2, ... */
    public static List<Candidate> of(Stage stage, List<TrialOutcome> trials) {
        Map<Integer, List<TrialOutcome>> byIndex = new TreeMap<>();
        for (TrialOutcome t : trials) {
            if (t.stage() != stage || t.status() != TrainingStatus.COMPLETE || Double.isNaN(t.valAccuracy())) continue;
            byIndex.computeIfAbsent(t.trialIndex(), k -> new ArrayList<>()).add(t);
        }
        List<Candidate> out = new ArrayList<>();
        for (List<TrialOutcome> runs : byIndex.values()) {
            runs.sort(Comparator.comparingInt(TrialOutcome::replica));
            double[] values = runs.stream().mapToDouble(TrialOutcome::valAccuracy).toArray();
            ReplicaStats.Summary s = ReplicaStats.of(values);
            TrialOutcome first = runs.get(0);
            out.add(new Candidate(stage, first.candidateId(), first.trialIndex(), first.log10Lambda(), s.n(), s.mean(),
                    s.sd(), s.ciLow(), s.ciHigh(), 0, values, first.hyperparameters()));
        }
        return rank(out);
    }

    /** Candidates by decreasing mean (ties: earlier stage, lower trial index), re-ranked 1, 2, ... */
    public static List<Candidate> rank(List<Candidate> candidates) {
        List<Candidate> sorted = candidates.stream()
                .sorted(Comparator.comparingDouble(Candidate::mean).reversed()
                        .thenComparing(Candidate::stage)
                        .thenComparingInt(Candidate::trialIndex))
                .toList();
        List<Candidate> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) out.add(sorted.get(i).withRank(i + 1));
        return out;
    }

    /**
     * The candidates a choice is made from, best first: with {@code replicated} set, those with at least two runs
     * (all of them when none has); otherwise all.
     */
    public static List<Candidate> eligible(List<Candidate> candidates, boolean replicated) {
        List<Candidate> ranked = rank(candidates);
        if (!replicated) return ranked;
        List<Candidate> multi = ranked.stream().filter(c -> c.replicas() >= 2).toList();
        return multi.isEmpty() ? ranked : multi;
    }

    /** The best candidate, if any. */
    public static Optional<Candidate> best(List<Candidate> candidates, boolean replicated) {
        List<Candidate> e = eligible(candidates, replicated);
        return e.isEmpty() ? Optional.empty() : Optional.of(e.get(0));
    }

    /**
     * The replica-0 trials in search order: those that got further first (a completed trial, then those stopped by
     * successive halving at later rungs), then by validation accuracy where they stopped, then stage and trial index.
     * Without halving this is {@link LambdaSearch#ranked}. Diverged and failed trials are left out.
     */
    public static List<TrialOutcome> searchRanking(List<TrialOutcome> trials) {
        return trials.stream()
                .filter(t -> t.replica() == 0 && !Double.isNaN(t.valAccuracy())
                        && (t.status() == TrainingStatus.COMPLETE || t.status() == TrainingStatus.STOPPED))
                .sorted(Comparator.comparingInt((TrialOutcome t) -> t.status() == TrainingStatus.COMPLETE ? 1 : 0)
                        .thenComparingInt(TrialOutcome::rung).reversed()
                        .thenComparing(Comparator.comparingDouble(TrialOutcome::valAccuracy).reversed())
                        .thenComparing(TrialOutcome::stage)
                        .thenComparingInt(TrialOutcome::trialIndex))
                .toList();
    }

    /** The top {@code k} trials of a stage in {@link #searchRanking} order, for re-running with fresh seeds. */
    public static List<TrialOutcome> topForReplicas(Stage stage, List<TrialOutcome> trials, int k) {
        List<TrialOutcome> ranked = searchRanking(trials.stream().filter(t -> t.stage() == stage).toList());
        return ranked.subList(0, Math.min(k, ranked.size()));
    }

    /**
     * The log10(lambda) values the fine range is built around, best first: the candidates a choice is made from
     * ({@link #eligible}), then the other trials in {@link #searchRanking} order (with successive halving, those
     * stopped late rank next), each candidate once.
     */
    public static List<Double> anchors(List<Candidate> candidates, List<TrialOutcome> trials, boolean replicated) {
        List<Double> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Candidate c : eligible(candidates, replicated)) if (seen.add(c.candidateId())) out.add(c.log10Lambda());
        for (TrialOutcome t : searchRanking(trials)) if (seen.add(t.candidateId())) out.add(t.log10Lambda());
        return out;
    }

    /**
     * The trials (replica 0) of the candidates the fine stage is built around, best first, in {@link #anchors} order.
     */
    public static List<TrialOutcome> anchorTrials(List<Candidate> candidates, List<TrialOutcome> trials,
                                                  boolean replicated) {
        Map<String, TrialOutcome> firsts = new java.util.HashMap<>();
        for (TrialOutcome t : trials) if (t.replica() == 0) firsts.putIfAbsent(t.candidateId(), t);
        List<TrialOutcome> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Candidate c : eligible(candidates, replicated))
            if (seen.add(c.candidateId()) && firsts.containsKey(c.candidateId())) out.add(firsts.get(c.candidateId()));
        for (TrialOutcome t : searchRanking(trials)) if (seen.add(t.candidateId())) out.add(firsts.getOrDefault(t.candidateId(), t));
        return out;
    }

    /**
     * Whether the winner is distinguishable from the runner-up: Welch's t-test on their replicas' validation
     * accuracies at level {@link #ALPHA}, as one sentence for the sweep summary.
     */
    public static String verdict(List<Candidate> candidates, boolean replicated) {
        List<Candidate> e = eligible(candidates, replicated);
        if (e.size() < 2) return "winner: no runner-up to compare with";
        Candidate w = e.get(0);
        Candidate r = e.get(1);
        String head = String.format(Locale.ROOT, "winner %s (mean val %.4f, n=%d) vs runner-up %s (mean val %.4f, n=%d)",
                w.candidateId(), w.mean(), w.replicas(), r.candidateId(), r.mean(), r.replicas());
        if (w.replicas() < 2 || r.replicas() < 2)
            return head + ": not assessable from single runs (set knet.sweep.replicas to re-run the top candidates)";
        ReplicaStats.Comparison c = ReplicaStats.welch(w.values(), r.values(), ALPHA);
        return head + String.format(Locale.ROOT, ": %s (Welch t-test p=%.3f, 95%% CI [%.4f, %.4f] vs [%.4f, %.4f])",
                c.distinguishable() ? "distinguishable" : "NOT distinguishable", c.pValue(), w.ciLow(), w.ciHigh(),
                r.ciLow(), r.ciHigh());
    }
}
