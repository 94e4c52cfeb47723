package org.knetsweep.cli;

import java.util.List;

/**
 * One subcommand of {@code submit/knet}: {@code train}, {@code gradcheck}, {@code bench}, ... It declares its options
 * and arguments; {@link CliArgs} refuses anything else before {@link #run} is called, and {@code knet NAME --help}
 * is generated from the same declarations ({@link Usage}).
 */
public interface Command {
    /** The word typed after {@code knet}. */
    String name();

    /** One line for {@code knet --help}. */
    String summary();

    /** The command's own options, in the order --help lists them; the common ones ({@link Option#COMMON}) apart. */
    List<Option> options();

    /** The arguments in usage form, e.g. {@code SWEEP_ID}; empty (the default) when the command takes none. */
    default String arguments() {
        return "";
    }

    /**
     * Further text for {@code knet NAME --help} after the options: what the arguments are, settings, output, exit
     * status; may be empty. Options are listed from {@link #options()}, not here.
     */
    default String notes() {
        return "";
    }

    /**
     * Runs the command. User errors are thrown as {@link org.knetsweep.KnetException}.
     *
     * @return the process exit status
     */
    int run(Invocation invocation) throws Exception;
}
