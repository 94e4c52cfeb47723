package org.knetsweep.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.knetsweep.bench.NativeInfo;
import org.knetsweep.config.RunConfig;
import org.knetsweep.data.DataSets;
import org.knetsweep.data.DataSplit;
import org.knetsweep.train.Trainer;
import org.knetsweep.train.TrainingResult;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.TrainingStatus;

/** {@code knet train}: one training run on CIFAR-10 with per-epoch progress, then validation and test accuracy. */
public final class TrainCommand implements Command {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train one network on CIFAR-10 and report validation and test accuracy";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public String notes() {
        return "Settings: knet.network.*, knet.training.*, knet.data.* (e.g. --conf conf/train-3layer.conf).\n"
                + "Ends with a line val_accuracy=<x> test_accuracy=<y>. Exit status 3 when training diverged.\n";
    }

    @Override
    public int run(Invocation inv) {
        RunConfig cfg = inv.config().run();
        PrintStream out = inv.out();
        DataSplit data = DataSets.check(cfg, inv.err());
        if (data == null) data = DataSets.load(cfg.data(), cfg.seed(), inv.err());
        var t = cfg.training();
        int ns = t.stepSizeFor(data.train().size());
        long steps = t.totalSteps(data.train().size());
        int perEpoch = t.stepsPerEpoch(data.train().size());
        out.printf(Locale.ROOT, "training %d-layer %s%s, lambda %s, %s, %d cycles of 2 x %d steps (%d steps, %d epochs)%n",
                cfg.network().layers(), cfg.network().hidden(), cfg.network().batchNorm() ? " with batch norm" : "",
                t.lambda(), t.precision().label(), t.cycles(), ns, steps, (steps + perEpoch - 1) / perEpoch);
        long start = System.nanoTime();
        TrainingResult r = Trainer.train(cfg, data, true, m -> progress(out, m, steps, start));
        out.printf(Locale.ROOT, "trained in %.1f s (%d steps), peak RSS %d MB%n", r.wallMs() / 1e3, r.steps(),
                NativeInfo.peakRssMb());
        if (r.status() != TrainingStatus.COMPLETE) {
            out.println("status=" + r.status() + ": " + r.message());
            out.printf(Locale.ROOT, "val_accuracy=%.4f test_accuracy=nan%n", r.finalValidation().accuracy());
            return 3;
        }
        // no test rows (a table without knet.data.test): the test accuracy is absent, printed as nan
        out.printf(Locale.ROOT, "val_accuracy=%.4f test_accuracy=%s%n", r.finalValidation().accuracy(),
                r.test() == null ? "nan" : String.format(Locale.ROOT, "%.4f", r.test().accuracy()));
        return 0;
    }

    private static void progress(PrintStream out, EpochMetrics m, long steps, long start) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = m.step() == 0 ? 0 : elapsed * (steps - m.step()) / m.step();
        out.printf(Locale.ROOT,
                "epoch %3d  step %6d/%d  lr %.2e  train cost %.4f loss %.4f acc %.4f | val cost %.4f loss %.4f "
                        + "acc %.4f  [%.0f s, ETA %.0f s]%n",
                m.epoch(), m.step(), steps, m.learningRate(), m.trainCost(), m.trainLoss(), m.trainAccuracy(),
                m.valCost(), m.valLoss(), m.valAccuracy(), elapsed, eta);
    }
}
