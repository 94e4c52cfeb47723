package org.knetsweep.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a knet command in this JVM, as a user runs it from the shell, capturing its output and exit status. */
public final class InProcessKnet {
    private InProcessKnet() {
    }

    /** Exit status and what the command printed. */
    public record Run(int status, String out, String err) {
    }

    public static Run knet(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args.toArray(String[]::new), new PrintStream(out, true), new PrintStream(err, true));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
