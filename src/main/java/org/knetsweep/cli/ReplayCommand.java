package org.knetsweep.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;
import org.knetsweep.KnetException;
import org.knetsweep.config.HalvingConfig;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.results.ResultStore;
import org.knetsweep.results.StoredSweeps;
import org.knetsweep.spark.SparkStores;
import org.knetsweep.sweep.HalvingReplay;
import org.knetsweep.trial.TrialOutcome;

/**
 * {@code knet replay SWEEP_ID}: simulates a stopping policy on the stored epoch curves of a finished sweep, without
 * training (see {@link HalvingReplay}), and prints per stage its rungs, the trials it stops and the steps it saves.
 */
public final class ReplayCommand implements Command {
    /** Policies of --policy. */
    static final List<String> POLICIES = List.of("halving");
    /** Stages a policy can stop trials in (the final stage is a single retrain), in the order they run. */
    static final List<String> STAGES = List.of("coarse", "extend", "fine", "grid");
    static final String ALL = "all";
    private static final int LISTED_SWEEPS = 5;

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String summary() {
        return "simulate successive halving on a finished sweep's stored curves: trials stopped, steps saved";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("policy", "P", "the stopping policy; only halving (successive halving) for now"),
                Option.value("eta", "N", "keep the best floor(n / eta) of the n trials entering a rung; above 1"),
                Option.value("rungs", "N", "rungs, the last one being the full budget; at least 2"),
                Option.value("min-budget", "C", "first rung's budget in cycles (fractions allowed), below a trial's "
                        + "full budget"),
                Option.value("stage", "S", "the stage to replay: coarse, fine, grid, extend or all (default all: every "
                        + "coarse, extend, fine and grid stage)"),
                Option.RESULTS);
    }

    @Override
    public String arguments() {
        return "SWEEP_ID";
    }

    @Override
    public String notes() {
        return """
                eta, rungs and min-budget default to knet.sweep.halving. No training runs: only trials that completed
                with their full epoch curve are replayed, each scored by its stored validation accuracy at rung ends.
                """;
    }

    @Override
    public int run(Invocation inv) {
        String sweepId = sweepId(inv);
        policy(inv.option("policy", POLICIES.get(0)));
        HalvingConfig halving = halving(inv);
        String stage = stage(inv.option("stage", ALL));
        String root = inv.option("results", QueryCommand.configuredRoot(inv.config()));
        ResultStore store = SparkStores.open(root);

        List<TrialOutcome> trials = store.readTrials(sweepId);
        if (trials.isEmpty()) throw unknownSweep(store, sweepId);
        Map<String, List<TrialOutcome>> byStage = byStage(trials);
        List<String> replayed = stagesToReplay(sweepId, stage, byStage);

        PrintStream out = inv.out();
        out.println("knet replay: sweep " + sweepId + ", " + describe(halving));
        List<String> summaries = new ArrayList<>();
        for (String s : replayed) {
            List<TrialOutcome> stageTrials = byStage.get(s);
            boolean replayable = stageTrials.stream().anyMatch(t -> HalvingReplay.exclusion(t).isEmpty());
            if (!replayable && stage.equals(ALL)) {
                out.println();
                out.println("stage " + s + ": nothing to replay (no trial completed with its full curve)");
                continue;
            }
            HalvingReplay.Result r = HalvingReplay.replay(stageTrials, halving);
            out.println();
            print(out, r);
            summaries.add(summary(r));
        }
        if (summaries.isEmpty()) {
            throw new KnetException("sweep " + sweepId + " has no trial that completed with its full epoch curve "
                    + "in stages " + String.join(", ", replayed) + "; nothing to replay");
        }
        out.println();
        summaries.forEach(out::println);
        return 0;
    }

    /** The stages to replay: the one asked for, or for {@code all} those of {@link #STAGES} the sweep has. */
    private static List<String> stagesToReplay(String sweepId, String stage, Map<String, List<TrialOutcome>> byStage) {
        if (!stage.equals(ALL)) {
            if (byStage.containsKey(stage)) return List.of(stage);
            throw new KnetException("sweep " + sweepId + " has no trials of stage " + stage + "; its stages: "
                    + describe(byStage));
        }
        List<String> present = STAGES.stream().filter(byStage::containsKey).toList();
        if (present.isEmpty()) {
            throw new KnetException("sweep " + sweepId + " has no " + String.join(", ", STAGES)
                    + " trials to replay; its stages: " + describe(byStage));
        }
        return present;
    }

    /** The summary line of a stage, e.g. {@code replay coarse: halving eta=3 ... -> steps 31500 of 81000 ...}. */
    static String summary(HalvingReplay.Result r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "replay %s: %s -> steps %d of %d (saved %.1f%%); winner %s ", r.stage(), describe(r.policy()),
                r.stepsWithPolicy(), r.stepsWithout(), 100 * r.savedFraction(), r.winner().trialId()));
        if (r.winnerKept()) return b.append("kept").toString();
        HalvingReplay.Stopped s = r.winnerStopped().orElseThrow();
        b.append(String.format(Locale.ROOT, "stopped at rung %d (val %.4f there, %.4f when fully trained)", s.rung(),
                s.score(), s.finalValAccuracy()));
        r.policyWinner().ifPresent(p -> b.append(String.format(Locale.ROOT, "; policy picks %s (%.4f)",
                p.trialId(), p.valAccuracy())));
        return b.toString();
    }

    /** The rung table, the stopped and surviving trials and the excluded ones of one stage. */
    private static void print(PrintStream out, HalvingReplay.Result r) {
        int replayed = r.stopped().size() + r.survivors().size();
        out.println("stage " + r.stage() + ": " + replayed + " trials replayed"
                + (r.excluded().isEmpty() ? "" : ", " + r.excluded().size() + " excluded"));
        List<List<String>> rungs = new ArrayList<>();
        for (HalvingReplay.Rung g : r.rungs()) {
            rungs.add(List.of(String.valueOf(g.index()), String.join("/", g.endSteps().stream().map(String::valueOf)
                    .toList()), String.valueOf(g.entering()), String.valueOf(g.kept())));
        }
        table(out, List.of("rung", "end step", "entering", "kept"), Set.of(0), rungs);
        out.println();
        List<List<String>> trials = new ArrayList<>();
        for (HalvingReplay.Stopped s : r.stopped()) {
            trials.add(List.of(s.trialId(), decimal(s.log10Lambda(), 3), "stopped at rung " + s.rung(),
                    String.valueOf(s.step()), decimal(s.score(), 4), decimal(s.finalValAccuracy(), 4),
                    mark(r, s.trialId())));
        }
        for (HalvingReplay.Pick p : r.survivors()) {
            trials.add(List.of(p.trialId(), decimal(p.log10Lambda(), 3), "trained fully", "", "",
                    decimal(p.valAccuracy(), 4), mark(r, p.trialId())));
        }
        table(out, List.of("trial", "log10_lambda", "policy", "step", "val_acc there", "final val_acc", ""),
                Set.of(0, 2, 6), trials);
        for (HalvingReplay.Excluded e : r.excluded()) out.println("  excluded: " + e.trialId() + " " + e.reason());
    }

    /** "winner" for the best trial without the policy, "policy winner" for the best survivor. */
    private static String mark(HalvingReplay.Result r, String trialId) {
        List<String> marks = new ArrayList<>();
        if (r.winner().trialId().equals(trialId)) marks.add("winner");
        if (r.policyWinner().map(p -> p.trialId().equals(trialId)).orElse(false) && !r.winnerKept()) {
            marks.add("policy winner");
        }
        return String.join(", ", marks);
    }

    /** Columns indented and separated by two spaces; those in {@code left} left-aligned, the others right-aligned. */
    private static void table(PrintStream out, List<String> header, Set<Integer> left, List<List<String>> rows) {
        List<TextTable.Align> align = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) align.add(left.contains(i) ? TextTable.Align.LEFT : TextTable.Align.RIGHT);
        TextTable table = new TextTable(header, align);
        rows.forEach(table::row);
        table.print(out, TextTable.Style.PLAIN);
    }

    private static String decimal(double value, int decimals) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** e.g. {@code halving eta=3 rungs=3 min-budget=0.5}. */
    private static String describe(HalvingConfig h) {
        return "halving eta=" + plain(h.eta()) + " rungs=" + h.rungs() + " min-budget=" + plain(h.minBudget());
    }

    private static String plain(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    private static String describe(Map<String, List<TrialOutcome>> byStage) {
        List<String> parts = new ArrayList<>();
        byStage.forEach((stage, trials) -> parts.add(stage + " (" + trials.size() + ")"));
        return String.join(", ", parts);
    }

    /** The trials by stage label, in the stored order (stages in the order they run). */
    private static Map<String, List<TrialOutcome>> byStage(List<TrialOutcome> trials) {
        Map<String, List<TrialOutcome>> byStage = new LinkedHashMap<>();
        for (TrialOutcome t : trials) {
            if (t.stage() != null) byStage.computeIfAbsent(t.stage().label(), k -> new ArrayList<>()).add(t);
        }
        return byStage;
    }

    private static String sweepId(Invocation inv) {
        if (inv.positional().size() != 1 || inv.positional().get(0).isBlank()) {
            throw new KnetException((inv.positional().isEmpty() ? "no sweep id given" : "expected one sweep id, got "
                    + inv.positional().size()) + "; usage: " + Usage.synopsis(new ReplayCommand()));
        }
        return inv.positional().get(0);
    }

    private static void policy(String value) {
        if (!POLICIES.contains(value)) {
            throw new KnetException("unknown --policy '" + value + "'; expected one of: " + String.join(", ", POLICIES));
        }
    }

    private static String stage(String value) {
        String s = value.strip().toLowerCase(Locale.ROOT);
        if (s.equals(ALL) || STAGES.contains(s)) return s;
        throw new KnetException("--stage must be coarse, fine, grid, extend or all, not '" + value + "'"
                + (s.equals("final") ? " (the final stage is a single retrain: nothing to stop)" : ""));
    }

    /** The policy: knet.sweep.halving of the configuration, with --eta, --rungs and --min-budget applied. */
    static HalvingConfig halving(Invocation inv) {
        HalvingConfig base = configured(inv.config());
        double eta = number(inv, "eta", base.eta(), "a number above 1", v -> v > 1);
        double rungs = number(inv, "rungs", base.rungs(), "a whole number of at least 2",
                v -> v >= 2 && v == Math.rint(v) && v <= Integer.MAX_VALUE);
        double minBudget = number(inv, "min-budget", base.minBudget(), "a positive number of cycles", v -> v > 0);
        return new HalvingConfig(true, (int) rungs, eta, minBudget);
    }

    private static HalvingConfig configured(LoadedConfig config) {
        if (config == null || config.sweep() == null) return HalvingConfig.OFF;
        return config.sweep().halving();
    }

    /** The finite number given as --NAME, or {@code fallback} when the option is absent. */
    private static double number(Invocation inv, String name, double fallback, String expected, DoublePredicate valid) {
        String text = inv.options().get(name);
        if (text == null) return fallback;
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value) && valid.test(value)) return value;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new KnetException("--" + name + " must be " + expected + ", not '" + text + "'");
    }

    /** No stored trial of the sweep: names the id and the root, and lists a few sweeps stored there. */
    private static KnetException unknownSweep(ResultStore store, String sweepId) {
        StringBuilder b = new StringBuilder("no trials of sweep '" + sweepId + "' under the results root "
                + store.root());
        if (!store.exists()) {
            b.append(" (which does not exist)");
        } else {
            List<String> ids = StoredSweeps.ids(store);
            if (!ids.isEmpty()) {
                b.append("; sweeps there: ").append(String.join(", ", ids.subList(0, Math.min(LISTED_SWEEPS,
                        ids.size())))).append(ids.size() > LISTED_SWEEPS ? ", ... (" + ids.size() + " in all)" : "");
            }
        }
        return new KnetException(b.append("; give --results PATH or another sweep id").toString());
    }
}
