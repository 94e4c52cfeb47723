package org.knetsweep.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.knetsweep.KnetException;

/** Which log events the filter drops: those about user errors and their stage, nothing else. */
class UserErrorLogFilterTest {
    private static final String TASK_THREAD = "Executor task launch worker for task 0.0 in stage 3.0 (TID 5)";
    private static final String OTHER_TASK = "Executor task launch worker for task 1.0 in stage 3.0 (TID 6)";

    @Test
    void eventsCarryingAUserErrorAndLaterOnesAboutItsStageAreDropped() {
        UserErrorLogFilter f = new UserErrorLogFilter();
        KnetException user = new KnetException("row 0: image column 'image' holds 100 bytes; expected 3072");
        assertFalse(f.isUserError("org.apache.spark.scheduler.TaskSetManager", "main",
                "Task 0 in stage 3.0 failed 1 times; aborting job", null), "nothing known about stage 3.0 yet");

        assertTrue(f.isUserError("org.apache.spark.util.Utils", TASK_THREAD, "Aborting task", user));
        assertTrue(f.isUserError("org.apache.spark.executor.Executor", TASK_THREAD,
                "Exception in task 0.0 in stage 3.0 (TID 5)", new SparkException("Task failed while writing rows",
                        user)), "found in the cause chain");
        assertTrue(f.isUserError("org.apache.spark.scheduler.TaskSetManager", "task-result-getter-0",
                "Lost task 0.0 in stage 3.0 (TID 5) (127.0.0.1 executor driver): org.knetsweep.KnetException: row 0",
                null), "named in the text");
        assertTrue(f.isUserError("org.apache.spark.scheduler.TaskSetManager", "dag-scheduler-event-loop",
                "Task 0 in stage 3.0 failed 1 times; aborting job", null));
        assertTrue(f.isUserError("org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter", OTHER_TASK,
                "Could not delete file:/tmp/_out/_temporary/0/_temporary/attempt_1", null),
                "the stage's other task, killed");
        assertTrue(f.isUserError("org.apache.spark.util.Utils", OTHER_TASK, "Aborting task",
                new InterruptedIOException()));
    }

    @Test
    void everythingElsePasses() {
        UserErrorLogFilter f = new UserErrorLogFilter();
        f.isUserError("org.apache.spark.util.Utils", TASK_THREAD, "Aborting task", new KnetException("bad"));
        assertFalse(f.isUserError("org.apache.spark.executor.Executor",
                "Executor task launch worker for task 0.0 in stage 4.0 (TID 9)", "Exception in task 0.0 in stage 4.0 "
                        + "(TID 9)", new IllegalStateException("a bug")), "an internal error is logged");
        assertFalse(f.isUserError("org.apache.spark.scheduler.TaskSetManager", "main",
                "Task 0 in stage 4.0 failed 1 times; aborting job", null));
        assertFalse(f.isUserError("org.apache.spark.scheduler.TaskSetManager", "main",
                "Task 0 in stage 13.0 failed 1 times; aborting job", null), "stage 13.0 is not stage 3.0");
        assertFalse(f.isUserError("org.apache.spark.SparkContext", "main", "Some warning", null));
        assertFalse(f.isUserError("org.knetsweep.anything", TASK_THREAD, "ours", new KnetException("x")));
    }

    @Test
    void installingTwiceAddsOneFilterAndANewContextStartsWithNoFailedStages() {
        UserErrorLogFilter.install();
        UserErrorLogFilter.install();
        var config = ((org.apache.logging.log4j.core.LoggerContext) org.apache.logging.log4j.LogManager
                .getContext(false)).getConfiguration();
        var filter = config.getFilter();
        int n = filter instanceof UserErrorLogFilter ? 1
                : filter instanceof org.apache.logging.log4j.core.filter.CompositeFilter c
                ? (int) java.util.Arrays.stream(c.getFiltersArray()).filter(x -> x instanceof UserErrorLogFilter).count()
                : 0;
        assertTrue(n == 1, "filters: " + filter);

        UserErrorLogFilter f = UserErrorLogFilter.installed();
        String abort = "Task 0 in stage 7001.0 failed 1 times; aborting job";
        f.isUserError("org.apache.spark.executor.Executor", "main", "Exception in task 0.0 in stage 7001.0 (TID 1)",
                new KnetException("bad"));
        assertTrue(f.isUserError("org.apache.spark.scheduler.TaskSetManager", "main", abort, null));
        UserErrorLogFilter.forgetStages();
        assertFalse(f.isUserError("org.apache.spark.scheduler.TaskSetManager", "main", abort, null));
    }
}
