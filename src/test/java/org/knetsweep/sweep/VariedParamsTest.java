package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knetsweep.config.SearchSpace;
import org.knetsweep.config.SpaceDimension;
import org.knetsweep.config.SpaceParam;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialSummary;

/** How the console names a trial's point: one-parameter wording for a lambda search, else every varied parameter. */
class VariedParamsTest {
    private static final SpaceDimension LAMBDA =
            SpaceDimension.range(SpaceParam.LOG10_LAMBDA, SpaceDimension.Kind.UNIFORM, -3, -1);

    @Test
    void aLambdaSpaceKeepsTheOneParameterWording() {
        VariedParams v = VariedParams.of(new SearchSpace(List.of(LAMBDA)));
        assertTrue(v.lambdaOnly());
        assertEquals("log10(lambda) -2.3100", VariedParams.lambdaLabel(-2.31));
        // a choice of one value varies nothing
        VariedParams one = VariedParams.of(new SearchSpace(List.of(LAMBDA,
                SpaceDimension.choice(SpaceParam.HIDDEN, List.of(List.of(50, 50))))));
        assertTrue(one.lambdaOnly());
    }

    @Test
    void aJointSpaceNamesEveryVariedParameterInItsOrder() {
        VariedParams v = VariedParams.of(new SearchSpace(List.of(LAMBDA,
                SpaceDimension.range(SpaceParam.ETA_MAX, SpaceDimension.Kind.LOG_UNIFORM, 0.02, 0.3),
                SpaceDimension.choice(SpaceParam.HIDDEN, List.of(List.of(50, 50), List.of(100))))));
        assertFalse(v.lambdaOnly());
        assertEquals(List.of(SpaceParam.LOG10_LAMBDA, SpaceParam.ETA_MAX, SpaceParam.HIDDEN), v.params());
        assertEquals("-2.3100", VariedParams.format(SpaceParam.LOG10_LAMBDA, -2.31));
        assertEquals("0.08", VariedParams.format(SpaceParam.ETA_MAX, 0.08));
        assertEquals("0.08235", VariedParams.format(SpaceParam.ETA_MAX, 0.0823456));
        assertEquals("0.00001", VariedParams.format(SpaceParam.ETA_MIN, 1e-5));
        assertEquals("[50,50]", VariedParams.format(SpaceParam.HIDDEN, List.of(50, 50)));
        assertEquals("2250", VariedParams.format(SpaceParam.STEP_SIZE, 2250));
    }

    @Test
    void progressNamesTrialsAndTheBestByTheirPoint() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StageProgress p = new StageProgress(new PrintStream(bytes, true), Stage.COARSE, 2, 60_000,
                s -> "log10_lambda=-2.0000 eta_max=0.08");
        p.finished(new TrialSummary("coarse-000", TrainingStatus.COMPLETE, -2, 0.5, 10, false), 1);
        String line = bytes.toString();
        assertTrue(line.startsWith("[coarse] 1/2 done, 1 running | best val 0.5000 at log10_lambda=-2.0000 "
                + "eta_max=0.08 | "), line);
        assertTrue(line.endsWith(" | coarse-000 done log10_lambda=-2.0000 eta_max=0.08 val 0.5000\n"), line);

        bytes.reset();
        StageProgress lambda = new StageProgress(new PrintStream(bytes, true), Stage.FINE, 1, 60_000);
        lambda.finished(new TrialSummary("fine-000", TrainingStatus.COMPLETE, -2.5, 0.25, 10, false), 0);
        assertTrue(bytes.toString().startsWith("[fine] 1/1 done, 0 running | best val 0.2500 at log10(lambda) "
                + "-2.5000 | "), bytes.toString());
        assertTrue(bytes.toString().endsWith(" | fine-000 done log10(lambda) -2.5000 val 0.2500\n"), bytes.toString());
    }

    @Test
    void anEstimatedTotalIsMarkedAndRaisedWhenTheJobsExceedIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StageProgress p = new StageProgress(new PrintStream(bytes, true), Stage.COARSE, 2, true, 60_000,
                s -> "log10_lambda=-2.0000");
        p.finished(new TrialSummary("coarse-000", TrainingStatus.COMPLETE, -2, 0.5, 10, false), 1);
        assertTrue(bytes.toString().startsWith("[coarse] 1/~2 done, 1 running"), bytes.toString());
        p.finished(new TrialSummary("coarse-001", TrainingStatus.COMPLETE, -2, 0.4, 10, false), 2);
        p.finished(new TrialSummary("coarse-002", TrainingStatus.COMPLETE, -2, 0.4, 10, false), 1);
        String last = bytes.toString().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("[coarse] 3/~4 done, 1 running"), last); // 3 done + 1 running > the estimate of 2
        assertTrue(!last.contains("ETA -"), last);
    }
}
