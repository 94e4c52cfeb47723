package org.knetsweep.data;

/** A problem with one row's value; the reader adds the table, file and row. */
final class RowProblem extends RuntimeException {
    RowProblem(String message) {
        super(message, null, false, false);
    }
}
