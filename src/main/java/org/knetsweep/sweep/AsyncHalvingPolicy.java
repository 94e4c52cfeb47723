package org.knetsweep.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.knetsweep.config.HalvingConfig;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.search.Observation;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialSpec;
import org.knetsweep.trial.TrialStore;
import org.knetsweep.trial.TrialSummary;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020, "A System for Massively Parallel Hyperparameter Tuning"):
 * each decision promotes a trial from the highest rung k at which it is among the best floor(n_k / eta) of the n_k
 * trials visible as finished at rung k and not yet promoted; when none is, it starts a new trial at rung 0 (its point
 * from the {@link Proposer}: random, Sobol or TPE); when all new trials are started and nothing can be promoted, it
 * waits for the next result, and ends when none is pending. Ranking and ties as {@link SuccessiveHalving#ranked}.
 * Decisions see only what {@link AskTellLoop} makes visible, so they are the same at any parallelism.
 *
 * <p>With TPE (BOHB-style), the model learns from the highest rung with at least {@code dims + 2} visible finished
 * trials; the pending points are those of the new trials whose rung-0 result is not visible.
 */
final class AsyncHalvingPolicy implements AskTellLoop.Policy {
    private record Job(int trial, int rung) {
    }

    private final int trials;
    private final Proposer proposer;
    private final BiFunction<Integer, Map<SpaceParam, Object>, TrialSpec> spec;
    private final HalvingConfig h;
    private final List<List<Double>> budgets = new ArrayList<>();
    private final TrialStore store;
    private final int dims;
    private final List<Proposer.Proposal> proposals = new ArrayList<>();
    private final List<TrialSpec> specs = new ArrayList<>();
    private final List<Job> jobs = new ArrayList<>();
    private final List<List<SuccessiveHalving.Entry>> finished = new ArrayList<>();
    private final List<List<double[]>> finishedX = new ArrayList<>();
    private final List<List<Double>> finishedLoss = new ArrayList<>();
    private final List<Set<Integer>> promoted = new ArrayList<>();
    private int told;

    AsyncHalvingPolicy(int trials, Proposer proposer, BiFunction<Integer, Map<SpaceParam, Object>, TrialSpec> spec,
                       HalvingConfig h, TrialStore store, int dims) {
        this.trials = trials;
        this.proposer = proposer;
        this.spec = spec;
        this.h = h;
        this.store = store;
        this.dims = dims;
        for (int r = 0; r < h.rungs(); r++) {
            finished.add(new ArrayList<>());
            finishedX.add(new ArrayList<>());
            finishedLoss.add(new ArrayList<>());
            promoted.add(new HashSet<>());
        }
    }

    /** The base (rung-less) specs of the trials started so far, by trial index. */
    List<TrialSpec> trialSpecs() {
        return List.copyOf(specs);
    }

    @Override
    public AskTellLoop.Decision decide(int event, List<TrialSummary> visible) {
        for (; told < visible.size(); told++) tell(jobs.get(told), visible.get(told));
        for (int k = h.rungs() - 2; k >= 0; k--) {
            List<SuccessiveHalving.Entry> done = finished.get(k);
            int keep = (int) Math.floor(done.size() / h.eta() + 1e-9);
            for (SuccessiveHalving.Entry e : SuccessiveHalving.ranked(done)) {
                if (keep-- <= 0) break;
                if (promoted.get(k).contains(e.trialIndex()) || reachedFullBudget(e, k)) continue;
                promoted.get(k).add(e.trialIndex());
                return start(new Job(e.trialIndex(), k + 1));
            }
        }
        if (specs.size() < trials) {
            int t = specs.size();
            Proposer.Proposal p = proposer.propose(t, observations(), pending(visible.size()));
            proposals.add(p);
            TrialSpec s = spec.apply(t, p.point());
            specs.add(s);
            budgets.add(SuccessiveHalving.rungCycles(h, s.run().training().cycles()));
            return start(new Job(t, 0));
        }
        return visible.size() < event ? AskTellLoop.Decision.WAIT : AskTellLoop.Decision.DONE;
    }

    private AskTellLoop.Decision start(Job job) {
        jobs.add(job);
        boolean last = job.rung() == h.rungs() - 1;
        return AskTellLoop.Decision.start(specs.get(job.trial()).atRung(new org.knetsweep.trial.TrialSpec.Rung(
                job.rung(), budgets.get(job.trial()).get(job.rung()), last, h.restarts())));
    }

    private void tell(Job job, TrialSummary s) {
        boolean ok = s.status() == TrainingStatus.COMPLETE && Double.isFinite(s.valAccuracy());
        finished.get(job.rung()).add(new SuccessiveHalving.Entry(s.trialId(), job.trial(),
                ok ? s.valAccuracy() : Double.NaN));
        if (proposer.adaptive()) {
            finishedX.get(job.rung()).add(proposals.get(job.trial()).x());
            finishedLoss.get(job.rung()).add(ok ? -s.valAccuracy() : Double.POSITIVE_INFINITY);
        }
    }

    /**
     * True when the trial's rung-k run already reached its full budget (its budget rounded up to every epoch): its
     * {@code trials} row was written then. On a resume the row may also come from a later rung the trial was
     * promoted to before; that rung's row tells the two apart.
     */
    private boolean reachedFullBudget(SuccessiveHalving.Entry e, int k) {
        String sweepId = specs.get(e.trialIndex()).sweepId();
        return store.hasTrial(sweepId, e.trialId()) && !store.hasRung(sweepId, e.trialId(), k + 1);
    }

    /** The model's observations: the highest rung with at least dims + 2 visible results (rung 0 otherwise). */
    private List<Observation> observations() {
        if (!proposer.adaptive()) return List.of();
        int r = 0;
        for (int k = h.rungs() - 1; k > 0; k--) {
            if (finishedX.get(k).size() >= dims + 2) {
                r = k;
                break;
            }
        }
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < finishedX.get(r).size(); i++)
            out.add(new Observation(finishedX.get(r).get(i), finishedLoss.get(r).get(i)));
        return out;
    }

    /** The points of the new trials whose rung-0 result is not visible yet, in trial order. */
    private List<double[]> pending(int visibleJobs) {
        if (!proposer.adaptive()) return List.of();
        List<double[]> out = new ArrayList<>();
        for (int j = visibleJobs; j < jobs.size(); j++)
            if (jobs.get(j).rung() == 0) out.add(proposals.get(jobs.get(j).trial()).x());
        return out;
    }
}
