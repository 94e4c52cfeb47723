package org.knetsweep.cluster;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.knetsweep.cli.Main;

/** knet commands run in this JVM (Spark local[2] on 127.0.0.1), as a user runs them. */
final class Queries {
    private Queries() {
    }

    record Run(int status, String out, String err) {
    }

    static Run knet(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args.toArray(String[]::new), new PrintStream(out, true), new PrintStream(err, true));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code knet query SQL --results ROOT --format csv --master local[2]}. */
    static Run query(String sql, String root) {
        return knet(List.of("query", sql, "--results", root, "--format", "csv", "--master", "local[2]"));
    }
}
