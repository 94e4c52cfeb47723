package org.knetsweep.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Runs a knet command in this JVM and captures everything a terminal's stderr would show: what the command prints,
 * whatever else is written to {@code System.err} meanwhile (Spark, ND4J), and every log event that reaches log4j2's
 * appenders (the console appender writes them to stderr), in the console's layout.
 */
public final class WholeStderr {
    private WholeStderr() {
    }

    /** Exit status, stdout, and the whole stderr. */
    public record Run(int status, String out, String err) {
        /** True when stderr is exactly one line starting with {@code knet: } and the exit status is 2. */
        public boolean oneUserErrorLine() {
            return status == 2 && err.lines().count() == 1 && err.startsWith("knet: ") && err.endsWith("\n");
        }
    }

    public static Run knet(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        StringWriter logs = new StringWriter();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        WriterAppender appender = WriterAppender.newBuilder().setName("whole-stderr").setTarget(logs)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c{1}: %m%n%ex").build()).build();
        appender.start();
        config.getRootLogger().addAppender(appender, null, null);
        ctx.updateLoggers();
        PrintStream systemErr = System.err;
        System.setErr(errStream);
        int status;
        try {
            status = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    errStream);
        } finally {
            System.setErr(systemErr);
            config.getRootLogger().removeAppender(appender.getName());
            ctx.updateLoggers();
            appender.stop();
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8),
                logs + err.toString(StandardCharsets.UTF_8));
    }
}
