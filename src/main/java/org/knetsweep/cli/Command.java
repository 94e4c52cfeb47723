package org.knetsweep.cli;

/** One subcommand of {@code submit/knet}: {@code train}, {@code gradcheck}, {@code bench}, ... */
public interface Command {
    /** The word typed after {@code knet}. */
    String name();

    /** One line for {@code knet --help}. */
    String summary();

    /** Extra usage text for {@code knet NAME --help} (options beyond the common ones); may be empty. */
    default String usage() {
        return "";
    }

    /**
     * Runs the command. User errors are thrown as {@link org.knetsweep.KnetException}.
     *
     * @return the process exit status
     */
    int run(Invocation invocation) throws Exception;
}
