package org.knetsweep.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.knetsweep.KnetException;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.results.ResultSchema;
import org.knetsweep.results.ResultStore;
import org.knetsweep.results.ResultTables;
import org.knetsweep.spark.SparkSessions;

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

    /** The rows of a query, at most --limit of them. */
    private record Result(List<String> columns, List<Boolean> numeric, List<List<String>> rows, List<String> json,
                          boolean truncated) {
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
        int limit = limit(inv.option("limit", String.valueOf(DEFAULT_LIMIT)));
        String root = inv.option("results", configuredRoot(inv.config()));
        ResultStore store = new ResultStore(root, ResultTables.hadoopSettings(new SparkConf()));
        if (!store.exists()) {
            throw new KnetException("results root " + root + " (" + store.root() + ") does not exist; "
                    + "give --results PATH or set knet.results.root");
        }
        SparkSession spark = SparkSessions.local(inv.master(), "knet query");
        // the query's output is its result: Spark's warnings only with KNET_VERBOSE=1
        if (!SparkSessions.verbose(System.getenv())) spark.sparkContext().setLogLevel("ERROR");
        if (ResultTables.register(spark, store.root()).isEmpty()) {
            inv.err().println("knet query: no result tables (" + String.join(", ", ResultSchema.TABLES) + ") under "
                    + store.root());
        }
        Result result = execute(spark, sql, format, limit);
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

    private static int limit(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new KnetException("--limit must be a whole number >= 0 (0 = no limit), not '" + value + "'");
    }

    /** Runs the query; Spark's errors about the query become a one-line KnetException. */
    private static Result execute(SparkSession spark, String sql, Format format, int limit) {
        try {
            Dataset<Row> df = spark.sql(sql);
            Dataset<Row> limited = limit > 0 ? df.limit(limit + 1) : df;
            List<String> columns = List.of(df.columns());
            List<Boolean> numeric = new ArrayList<>();
            for (StructField f : df.schema().fields()) numeric.add(f.dataType() instanceof NumericType);
            if (format == Format.JSON) {
                List<String> json = new ArrayList<>(limited.toJSON().collectAsList());
                boolean truncated = limit > 0 && json.size() > limit;
                return new Result(columns, numeric, List.of(), truncated ? json.subList(0, limit) : json, truncated);
            }
            List<List<String>> rows = asStrings(limited);
            boolean truncated = limit > 0 && rows.size() > limit;
            return new Result(columns, numeric, truncated ? rows.subList(0, limit) : rows, List.of(), truncated);
        } catch (RuntimeException e) {
            throw userError(e);
        } catch (Exception e) { // AnalysisException is checked in Java but not declared by Scala methods
            throw userError(e);
        }
    }

    private static RuntimeException userError(Exception e) {
        if (!(e instanceof SparkThrowable)) {
            return e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return new KnetException("query failed: " + oneLine(e.getMessage()), e);
    }

    /** Spark's message on one line: the part before the query text or plan Spark appends, whitespace collapsed. */
    static String oneLine(String message) {
        if (message == null) return "";
        String head = message;
        for (String marker : List.of("\n== SQL", "\n'", "\n+- ", "\n:- ")) {
            int at = head.indexOf(marker);
            if (at > 0) head = head.substring(0, at);
        }
        return head.replaceAll("\\s+", " ").strip().replaceAll(";$", "");
    }

    /** Every cell as Spark's own string form (arrays as [1, 2], timestamps in the session zone), null as null. */
    private static List<List<String>> asStrings(Dataset<Row> df) {
        String[] positional = IntStream.range(0, df.columns().length).mapToObj(i -> "c" + i).toArray(String[]::new);
        Column[] cast = new Column[positional.length];
        for (int i = 0; i < positional.length; i++) cast[i] = functions.col(positional[i]).cast("string");
        List<List<String>> rows = new ArrayList<>();
        for (Row row : df.toDF(positional).select(cast).collectAsList()) {
            List<String> cells = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) cells.add(row.isNullAt(i) ? null : row.getString(i));
            rows.add(cells);
        }
        return rows;
    }

    private static void print(PrintStream out, Format format, Result r) {
        switch (format) {
            case TABLE -> printTable(out, r);
            case CSV -> printCsv(out, r);
            case JSON -> r.json().forEach(out::println);
        }
    }

    /** psql-like: a header, a rule, the rows (numbers right-aligned) and a row count. */
    private static void printTable(PrintStream out, Result r) {
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
    private static void printCsv(PrintStream out, Result r) {
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
