package org.knetsweep;

/**
 * An error caused by the user's input (a file, a configuration key, a command-line option) rather than by a
 * bug. The command-line front end prints its message alone, without a stack trace, and exits with status 2.
 * Messages name the offending file, key or value and say what was expected.
 */
public class KnetException extends RuntimeException {
    public KnetException(String message) {
        super(message);
    }

    public KnetException(String message, Throwable cause) {
        super(message, cause);
    }
}
