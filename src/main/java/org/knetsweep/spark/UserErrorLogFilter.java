package org.knetsweep.spark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.message.Message;
import org.knetsweep.KnetException;

/**
 * Keeps Spark's log quiet about user errors found in tasks: a {@link KnetException} thrown on an executor (an image
 * of the wrong size, a pixel out of range, a CIFAR-10 archive that cannot be read, ...) fails its task and its job,
 * and the command line prints its message as one line (exit 2). Spark would first log the task's stack trace (the
 * executor's "Exception in task", the driver's "Lost task" and "aborting job" lines, a writer's "Aborting job"), 50
 * to 250 lines that bury that one line.
 *
 * <p>This filter, installed on the driver's log4j2 configuration, drops the warnings and errors that carry a
 * KnetException (as the thrown exception or in its cause chain, or named in the message text, as the driver's "Lost
 * task" line names the executor's exception), and the later ones about the stage such a task failed in: the
 * driver's "Task 0 in stage 3.0 failed 1 times; aborting job", and whatever the stage's task threads (named
 * "Executor task launch worker for task 1.0 in stage 3.0 (TID 7)") log while their output is aborted and the
 * other tasks are killed (Spark's and Hadoop's "Aborting task", "Could not delete", "Task attempt ... aborted").
 * Every other event, an internal error's stack trace included, passes unchanged. Executors on a cluster log to
 * their own files, where nothing is filtered; a retried task's failures are dropped like the first.
 */
public final class UserErrorLogFilter extends AbstractFilter {
    /** knet's own loggers, never filtered. */
    private static final String OWN = "org.knetsweep";
    private static final String USER_ERROR = KnetException.class.getName();
    private static final Pattern STAGE = Pattern.compile("\\bin stage (\\d+\\.\\d+)");
    private static final int KEPT_STAGES = 64;

    /** The stages (id.attempt) in which a task failed with a user error; the oldest are forgotten. */
    private final Set<String> failedStages = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > KEPT_STAGES;
                }
            }));

    UserErrorLogFilter() {
        super(Filter.Result.DENY, Filter.Result.NEUTRAL);
    }

    /**
     * Adds the filter to the current log4j2 configuration unless it is there; a no-op when logging is not log4j2's
     * core (another SLF4J binding).
     */
    public static synchronized void install() {
        if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) return;
        Configuration config = ctx.getConfiguration();
        if (contains(config.getFilter())) return;
        config.addFilter(new UserErrorLogFilter());
        ctx.updateLoggers();
    }

    /**
     * Forgets the stages with user errors: called when a new SparkContext starts, whose stage ids start again at 0.
     */
    public static synchronized void forgetStages() {
        UserErrorLogFilter f = installed();
        if (f != null) f.failedStages.clear();
    }

    private static boolean contains(Filter f) {
        return find(f) != null;
    }

    /** The filter installed in the current configuration, or null. */
    static UserErrorLogFilter installed() {
        return LogManager.getContext(false) instanceof LoggerContext ctx ? find(ctx.getConfiguration().getFilter())
                : null;
    }

    private static UserErrorLogFilter find(Filter f) {
        if (f instanceof UserErrorLogFilter u) return u;
        if (f instanceof org.apache.logging.log4j.core.filter.CompositeFilter c) {
            for (Filter each : c.getFiltersArray()) if (each instanceof UserErrorLogFilter u) return u;
        }
        return null;
    }

    /**
     * True when a log event is about a user error: it carries a KnetException, or it is about a stage in which a
     * task failed with one (its text or the task thread that logs it names the stage).
     *
     * @param thread the name of the thread that logs (an executor's task thread is named after its task and stage)
     */
    boolean isUserError(String loggerName, String thread, String text, Throwable thrown) {
        if (loggerName != null && loggerName.startsWith(OWN)) return false;
        if (carriesUserError(thrown) || text != null && text.contains(USER_ERROR)) {
            remember(text);
            remember(thread);
            return true;
        }
        return !failedStages.isEmpty() && (namesFailedStage(text) || namesFailedStage(thread));
    }

    private void remember(String s) {
        if (s == null) return;
        Matcher m = STAGE.matcher(s);
        while (m.find()) failedStages.add(m.group(1));
    }

    private boolean namesFailedStage(String s) {
        if (s == null) return false;
        Matcher m = STAGE.matcher(s);
        while (m.find()) if (failedStages.contains(m.group(1))) return true;
        return false;
    }

    /** True when {@code t} or an exception in its cause chain is a KnetException. */
    static boolean carriesUserError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof KnetException) return true;
            for (Throwable s : c.getSuppressed()) if (s instanceof KnetException) return true;
        }
        return false;
    }

    /** The pre-filter of a log call (before its event is made): only warnings and errors are looked at. */
    private Result result(Logger logger, Level level, String text, Throwable thrown) {
        if (level == null || level.intLevel() > Level.WARN.intLevel()) return onMismatch;
        return isUserError(logger == null ? null : logger.getName(), Thread.currentThread().getName(), text, thrown)
                ? onMatch : onMismatch;
    }

    @Override
    public Result filter(LogEvent event) {
        Message m = event.getMessage();
        if (event.getLevel() == null || event.getLevel().intLevel() > Level.WARN.intLevel()) return onMismatch;
        return isUserError(event.getLoggerName(), event.getThreadName(), m == null ? null : m.getFormattedMessage(),
                event.getThrown()) ? onMatch : onMismatch;
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, Message msg, Throwable t) {
        return result(logger, level, msg == null ? null : msg.getFormattedMessage(), t != null ? t
                : msg == null ? null : msg.getThrowable());
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, Object msg, Throwable t) {
        return result(logger, level, msg == null ? null : msg.toString(), t);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object... params) {
        Throwable t = params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last
                ? last : null;
        return result(logger, level, msg, t);
    }
}
