package org.knetsweep.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.knetsweep.KnetException;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;

/**
 * Entry point of {@code submit/knet}: parses the command line, loads the configuration and runs one command.
 *
 * <p>Exit status: the command's own, 0 for help, 2 for a user error ({@link KnetException}: the message alone on
 * stderr), 1 for any other failure (stack trace on stderr only when the environment has KNET_DEBUG=1).
 */
public final class Main {
    private Main() {
    }

    /** Every command, in the order --help lists them. Constructors must be cheap (no Spark, no ND4J). */
    static List<Command> commands() {
        return List.of(new SweepCommand(), new QueryCommand(), new ExperimentCommand(), new TrainCommand(),
                new GradCheckCommand(), new BenchCommand(), new ReportCommand(), new ReplayCommand(),
                new CompactCommand(), new EvaluateCommand(), new PredictCommand(), new ScoreCommand(),
                new BenchScoreCommand(), new BenchSearchCommand(), new BenchDataCommand(),
                new DashboardCommand(), new DataCommand());
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        if (inYarnApplicationMaster()) {
            // YARN cluster mode: the ApplicationMaster runs main in a thread, reports its end to YARN, then exits.
            // System.exit here would end the JVM before that report, and YARN would count even success as failure.
            if (status != 0) throw new IllegalStateException("knet exited with status " + status);
            return;
        }
        System.exit(status); // Spark and ND4J leave non-daemon threads behind
    }

    /** True in the driver of a YARN cluster-mode application, whose ApplicationMaster sets these properties. */
    static boolean inYarnApplicationMaster() {
        return "cluster".equals(System.getProperty("spark.submit.deployMode"))
                && System.getProperty("spark.master", "").startsWith("yarn");
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, commands(), System.getenv());
    }

    static int run(String[] args, PrintStream out, PrintStream err, List<Command> commands, Map<String, String> env) {
        try {
            CliArgs cli = CliArgs.parse(commands, args);
            Command command = cli.command();
            if (command == null) {
                if (!cli.options().isEmpty() || !cli.positional().isEmpty() || cli.conf() != null || !cli.sets().isEmpty()
                        || cli.master() != null) {
                    throw new KnetException("no command given; commands: " + names(commands));
                }
                out.print(Usage.of(commands, null)); // --help, or no arguments at all
                return 0;
            }
            if (cli.help()) {
                out.print(Usage.of(commands, command));
                return 0;
            }
            LoadedConfig config = ConfigLoader.load(cli.conf(), cli.sets());
            return command.run(new Invocation(config, cli.master(), cli.options(), cli.positional(), out, err,
                    cli.sets()));
        } catch (Throwable t) {
            KnetException user = userError(t);
            if (user != null) {
                err.println("knet: " + oneLine(user.getMessage()));
                return 2;
            }
            err.println("knet: internal error: " + t.getClass().getName() + ": " + oneLine(t.getMessage()));
            if ("1".equals(env.get("KNET_DEBUG"))) {
                t.printStackTrace(err);
            } else {
                err.println("knet: set KNET_DEBUG=1 for the stack trace");
            }
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The KnetException itself or the first one in its cause chain (e.g. thrown in a Spark task), else null. */
    private static KnetException userError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof KnetException k) return k;
            if (c.getCause() == c) break;
        }
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static String names(List<Command> commands) {
        return commands.stream().map(Command::name).collect(Collectors.joining(", "));
    }
}
