package org.knetsweep.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knetsweep.report.ReportDocument.Table;
import org.knetsweep.trial.Candidate;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;

/** The report's sections on how trials were budgeted: successive-halving rungs and seed replicas of candidates. */
final class BudgetSections {
    private BudgetSections() {
    }

    /** Per stage and rung of successive halving: trials that reached the rung and trials stopped there. */
    static void halving(ReportDocument doc, List<TrialOutcome> trials) {
        List<TrialOutcome> halved = trials.stream().filter(t -> t.rung() >= 0).toList();
        if (halved.isEmpty()) return;
        doc.heading(2, "Successive halving", "halving");
        doc.paragraph("Each rung trains the trials that reached it up to the rung's budget; the best 1/eta by "
                + "validation accuracy go on, the others stop (status STOPPED) and keep their curves.");
        List<List<String>> rows = new ArrayList<>();
        for (Stage st : Stage.values()) {
            List<TrialOutcome> of = halved.stream().filter(t -> t.stage() == st).toList();
            int top = of.stream().mapToInt(TrialOutcome::rung).max().orElse(-1);
            for (int r = 0; r <= top; r++) {
                int rung = r;
                long reached = of.stream().filter(t -> t.rung() >= rung).count();
                long stopped = of.stream().filter(t -> t.rung() == rung && t.status() == TrainingStatus.STOPPED).count();
                long steps = of.stream().filter(t -> t.rung() == rung).mapToLong(TrialOutcome::steps).max().orElse(0);
                rows.add(List.of(st.label(), String.valueOf(r), String.valueOf(steps), String.valueOf(reached),
                        String.valueOf(stopped)));
            }
        }
        doc.add(new Table(List.of("stage", "rung", "steps at its end", "trials reaching it", "stopped there"),
                List.of(false, true, true, true, true), rows));
        // each trial's full budget: its cycles times the steps per cycle of a trial that ran in full
        long used = halved.stream().mapToLong(TrialOutcome::steps).sum();
        double stepsPerCycle = halved.stream().filter(t -> t.status() == TrainingStatus.COMPLETE && t.cycles() > 0)
                .mapToDouble(t -> (double) t.steps() / t.cycles()).findFirst().orElse(0);
        long full = Math.round(stepsPerCycle * halved.stream().mapToLong(TrialOutcome::cycles).sum());
        if (full > 0) doc.paragraph(String.format(Locale.ROOT, "Training steps of these stages: %d, "
                + "%.1f%% of the %d that training every trial in full would take.", used, 100.0 * used / full, full));
    }

    /** Candidates re-run with fresh seeds: mean, spread and 95% interval of their validation accuracy. */
    static void replicas(ReportDocument doc, List<Candidate> candidates) {
        if (candidates.stream().noneMatch(c -> c.replicas() >= 2)) return;
        doc.heading(2, "Candidates and replicas", "candidates");
        doc.paragraph("Each candidate's completed runs (its first run and its fresh-seed replicas); the choice uses "
                + "the mean among replicated candidates.");
        List<List<String>> rows = new ArrayList<>();
        for (Candidate c : candidates) {
            rows.add(List.of(c.stage().label(), c.candidateId(), Format.log10(c.log10Lambda()),
                    String.valueOf(c.replicas()), Format.percent(c.mean()), Format.decimal(100 * c.sd(), 2),
                    c.replicas() < 2 ? Format.NONE : Format.percent(c.ciLow()) + " – " + Format.percent(c.ciHigh()),
                    String.valueOf(c.rank())));
        }
        doc.add(new Table(List.of("stage", "candidate", "log10(λ)", "runs", "mean val", "sd (points)", "95% CI",
                "rank"), List.of(false, false, true, true, true, true, false, true), rows));
    }
}
