package org.knetsweep.cli;

import java.io.PrintStream;
import java.util.List;
import org.knetsweep.KnetException;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.results.ResultSchema;
import org.knetsweep.results.ResultStore;
import org.knetsweep.spark.SparkStores;
import org.knetsweep.spark.SqlQuery;

/**
 * {@code knet query "SELECT ..."}: runs Spark SQL over the result tables, each registered as a temporary view with a
 * {@code sweep_id} column ({@link ResultSchema#TABLES}, docs/tables.md), and prints the rows as an aligned table, CSV
 * or JSON lines. The six views:
 * <ul>
 *   <li>{@code trials}: one row per trial (stage, parameters, status, accuracies);
 *   <li>{@code epochs}: one row per trial and epoch (step, learning rate, costs, losses, accuracies);
 *   <li>{@code sweeps}: one row per sweep (resolved configuration, status, best value, test accuracy);
 *   <li>{@code rungs}: one row per trial and successive-halving rung it finished;
 *   <li>{@code candidates}: one row per replicated candidate (replicas, mean, 95% interval, rank);
 *   <li>{@code models}: one row per saved model (path, format version, bytes, test accuracy).
 * </ul>
 * A table no sweep has written yet is simply absent.
 */
public final class QueryCommand implements Command {
    /** Results root when neither --results nor the configuration gives one. */
    static final String DEFAULT_ROOT = "notebooks-out/tables";
    static final int DEFAULT_LIMIT = 1000;
    private static final String NULL_TEXT = "NULL";

    /** Output formats of --format. */
    enum Format {
        TABLE, CSV, JSON;

        static Format parse(String value) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(value)) return f;
            }
            throw new KnetException("--format must be table, csv or json, not '" + value + "'");
        }
    }

    @Override
    public String name() {
        return "query";
    }

    @Override
    public String summary() {
        return "run Spark SQL over the result tables (" + String.join(", ", ResultSchema.TABLES) + ")";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.RESULTS,
                Option.value("format", "F", "table (aligned columns, default), csv (RFC 4180 with a header line) or json "
                        + "(one object per line; null fields left out)"),
                Option.value("limit", "N", "print at most N rows (default " + DEFAULT_LIMIT + "; 0 = no limit)"));
    }

    @Override
    public String arguments() {
        return "\"SELECT ...\"";
    }

    @Override
    public String notes() {
        return """
                Views (docs/tables.md): %s;
                each with a sweep_id column, absent until a sweep writes it.
                Example:
                  knet query "SELECT stage, log10_lambda, val_accuracy FROM trials ORDER BY val_accuracy DESC"
                """.formatted(String.join(", ", ResultSchema.TABLES));
    }

    @Override
    public int run(Invocation inv) {
        String sql = String.join(" ", inv.positional()).strip();
        if (sql.isEmpty()) {
            throw new KnetException("no query given; usage: " + Usage.synopsis(this) + "; tables: "
                    + String.join(", ", ResultSchema.TABLES));
        }
        Format format = Format.parse(inv.option("format", "table"));
        int limit = inv.intOption("limit", DEFAULT_LIMIT, 0);
        String root = inv.option("results", configuredRoot(inv.config()));
        ResultStore store = SparkStores.open(root);
        if (!store.exists()) {
            throw new KnetException("results root " + root + " (" + store.root() + ") does not exist; "
                    + "give --results PATH or set knet.results.root");
        }
        SqlQuery query = SqlQuery.open(inv.master(), store.root());
        if (query.tables().isEmpty()) {
            inv.err().println("knet query: no result tables (" + String.join(", ", ResultSchema.TABLES) + ") under "
                    + store.root());
        }
        SqlQuery.Result result = query.run(sql, format == Format.JSON, limit);
        print(inv.out(), format, result);
        if (result.truncated() && format != Format.TABLE) {
            inv.err().println("knet query: output limited to " + limit + " rows (--limit N, 0 = no limit)");
        }
        return 0;
    }

    /** The configured results root, or {@link #DEFAULT_ROOT} when there is no sweep configuration. */
    static String configuredRoot(LoadedConfig config) {
        if (config == null || config.sweep() == null) return DEFAULT_ROOT;
        return config.sweep().resultsRoot();
    }

    private static void print(PrintStream out, Format format, SqlQuery.Result r) {
        switch (format) {
            case TABLE -> printTable(out, r);
            case CSV -> printCsv(out, r);
            case JSON -> r.json().forEach(out::println);
        }
    }

    /** psql-like: a header, a rule, the rows (numbers right-aligned) and a row count. */
    private static void printTable(PrintStream out, SqlQuery.Result r) {
        TextTable table = new TextTable(r.columns(), r.numeric().stream()
                .map(right -> right ? TextTable.Align.RIGHT : TextTable.Align.LEFT).toList());
        for (List<String> row : r.rows()) table.row(row.stream().map(QueryCommand::tableCell).toList());
        table.print(out, TextTable.Style.PSQL);
        int count = r.rows().size();
        out.println("(" + count + (count == 1 ? " row" : " rows")
                + (r.truncated() ? "; more not shown, see --limit" : "") + ")");
    }

    private static String tableCell(String value) {
        if (value == null) return NULL_TEXT;
        return value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** RFC 4180: a header line, then one line per row; fields quoted when needed, "" for an empty string. */
    private static void printCsv(PrintStream out, SqlQuery.Result r) {
        out.println(csvLine(r.columns()));
        for (List<String> row : r.rows()) out.println(csvLine(row));
    }

    private static String csvLine(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) line.append(',');
            line.append(csvField(cells.get(i)));
        }
        return line.toString();
    }

    static String csvField(String value) {
        if (value == null) return "";
        boolean quote = value.isEmpty() || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
                || !value.equals(value.strip());
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
