package org.knetsweep.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.knetsweep.KnetException;
import org.knetsweep.results.ResultTables;

/**
 * Spark SQL over the result tables of one root: each table registered as a temporary view, each query's rows
 * returned as strings (Spark's own string form of every cell) or JSON lines. Spark's errors about a query become a
 * one-line {@link KnetException}.
 */
public final class SqlQuery {
    private final SparkSession spark;
    private final List<String> tables;

    /** The first rows of a query: at most the limit asked for, and whether there were more. */
    public record Result(List<String> columns, List<Boolean> numeric, List<List<String>> rows, List<String> json,
                         boolean truncated) {
    }

    private SqlQuery(SparkSession spark, List<String> tables) {
        this.spark = spark;
        this.tables = List.copyOf(tables);
    }

    /**
     * A session on {@code masterOrNull} (the running one, else a new local one) with the tables under {@code root}
     * registered as views. Spark's warnings are silenced unless KNET_VERBOSE=1: a query's output is its result.
     */
    public static SqlQuery open(String masterOrNull, String root) {
        SparkSession spark = SparkSessions.local(masterOrNull, "knet query");
        if (!SparkSessions.verbose(System.getenv())) spark.sparkContext().setLogLevel("ERROR");
        return new SqlQuery(spark, ResultTables.register(spark, root));
    }

    /** The views registered, in the documented order of the tables; empty when the root holds none. */
    public List<String> tables() {
        return tables;
    }

    /**
     * Runs {@code sql} and returns at most {@code limit} rows (0: all), as cells or, with {@code json}, as JSON
     * lines (null fields left out).
     */
    public Result run(String sql, boolean json, int limit) {
        try {
            Dataset<Row> df = spark.sql(sql);
            Dataset<Row> limited = limit > 0 ? df.limit(limit + 1) : df;
            List<String> columns = List.of(df.columns());
            List<Boolean> numeric = new ArrayList<>();
            for (StructField f : df.schema().fields()) numeric.add(f.dataType() instanceof NumericType);
            if (json) {
                List<String> lines = new ArrayList<>(limited.toJSON().collectAsList());
                boolean truncated = limit > 0 && lines.size() > limit;
                return new Result(columns, numeric, List.of(), truncated ? lines.subList(0, limit) : lines, truncated);
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
}
