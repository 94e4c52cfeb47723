package org.knetsweep.data;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.knetsweep.KnetException;
import org.knetsweep.config.DataConfig;
import org.knetsweep.config.TableConfig;

/**
 * Builds the {@link DataSplit} of one run from a labelled Parquet table ({@code knet.data.format = "parquet"}):
 * reads the train, validation and test tables once per JVM (Spark executors call this for every task; concurrent
 * callers wait for the one read), maps the labels to classes (the training labels' distinct values in sorted order:
 * numbers by value, strings by Java's string order) and checks the tables against each other, then splits as
 * CIFAR-10 is split ({@link Splits}). Every problem is one {@link KnetException} line naming the table, column and
 * row.
 */
public final class TableLoader {
    private record Key(TableConfig table, String cacheDir) {
    }

    private static final ConcurrentHashMap<Key, CompletableFuture<TableData>> CACHE = new ConcurrentHashMap<>();

    private TableLoader() {
    }

    /** Reads (or reuses this JVM's copy of) the tables and splits them with {@code seed}. */
    public static DataSplit load(DataConfig cfg, long seed, PrintStream log) {
        long t0 = System.nanoTime();
        boolean[] readHere = new boolean[1];
        TableData data = cached(cfg, log, readHere);
        long t1 = System.nanoTime();
        DataSplit split = Splits.split(data.train(), data.validation(), data.test(), data.labelNames(),
                data.imageShape(), cfg.validationSize(), cfg.trainLimit(), cfg.featureLimit(), seed,
                "rows of table " + cfg.table().train());
        long t2 = System.nanoTime();
        if (log != null)
            log.println(String.format(Locale.ROOT,
                    "table %s: %d train / %d validation / %d test rows, %d features, %d classes "
                            + "(%s in %.2f s, split and standardized in %.2f s)",
                    cfg.table().train(), split.train().size(), split.validation().size(), split.test().size(),
                    split.features(), split.classes(), readHere[0] ? "read" : "already in memory",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9));
        return split;
    }

    /** The tables of {@code cfg}, read at most once per JVM (a failed read is not kept). */
    public static TableData read(DataConfig cfg, PrintStream log) {
        return cached(cfg, log, new boolean[1]);
    }

    /** Forgets all cached tables. */
    public static void clearCache() {
        CACHE.clear();
    }

    private static TableData cached(DataConfig cfg, PrintStream log, boolean[] readHere) {
        Key key = new Key(cfg.table(), cfg.cacheDir());
        for (int attempt = 0; ; attempt++) {
            CompletableFuture<TableData> mine = new CompletableFuture<>();
            CompletableFuture<TableData> existing = CACHE.putIfAbsent(key, mine);
            if (existing == null) {
                try {
                    mine.complete(readTables(cfg, log));
                    readHere[0] = true;
                } catch (Throwable t) {
                    CACHE.remove(key, mine);
                    mine.completeExceptionally(t);
                }
                return join(mine);
            }
            try {
                return join(existing);
            } catch (RuntimeException e) {
                if (attempt > 0) throw e;
            }
        }
    }

    private static TableData join(CompletableFuture<TableData> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** Reads and checks the tables; no caching. */
    static TableData readTables(DataConfig cfg, PrintStream log) {
        TableConfig t = cfg.table();
        Path cache = Path.of(cfg.cacheDir().isBlank() ? "data" : cfg.cacheDir().strip()).toAbsolutePath().normalize();
        MemoryBudget budget = MemoryBudget.ofThisJvm();
        RawTable train = TableReader.read(TableFiles.resolve(t.train(), "knet.data.train", cache, log), t.train(),
                "knet.data.train", t, budget);
        Classes classes = Classes.of(train);
        ImageSet trainRows = rows(train, classes, null);
        ImageSet validation = null;
        if (!t.validation().isEmpty()) {
            RawTable v = TableReader.read(TableFiles.resolve(t.validation(), "knet.data.validation", cache, log),
                    t.validation(), "knet.data.validation", t, budget);
            validation = rows(v, classes, train);
        }
        ImageSet test = trainRows.empty();
        if (!t.test().isEmpty()) {
            RawTable r = TableReader.read(TableFiles.resolve(t.test(), "knet.data.test", cache, log), t.test(),
                    "knet.data.test", t, budget);
            test = rows(r, classes, train);
        }
        return new TableData(trainRows, validation, test, classes.names, t.imageShape());
    }

    /**
     * One labelled table read on its own, with the columns of {@code cfg}'s table (label, features, order) and its
     * labels mapped to {@code classNames} (a model's classes, compared as text: a label's class is the name equal to
     * the label written as text); for {@code knet evaluate}. Not cached. Every problem is one line naming the table
     * as {@code uri} ({@code key}).
     */
    public static ImageSet readLabelled(DataConfig cfg, String uri, String key, List<String> classNames,
                                        PrintStream log) {
        TableConfig t = cfg.table();
        Path cache = Path.of(cfg.cacheDir().isBlank() ? "data" : cfg.cacheDir().strip()).toAbsolutePath().normalize();
        RawTable raw = TableReader.read(TableFiles.resolve(uri, key, cache, log), uri, key, t,
                MemoryBudget.ofThisJvm());
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classNames.size(); k++) index.put(classNames.get(k), k);
        byte[] labels = new byte[raw.size()];
        for (int i = 0; i < labels.length; i++) {
            Integer c = index.get(String.valueOf(raw.labels()[i]));
            if (c == null)
                throw new KnetException(raw.name() + ": " + raw.where(i) + ": label " + show(raw.labels()[i])
                        + " is not one of the model's classes " + shown(classNames));
            labels[i] = (byte) (int) c;
        }
        return raw.isBytes() ? ImageSet.ofBytes(raw.bytes(), labels, raw.width())
                : ImageSet.ofFloats(raw.floats(), labels, raw.width());
    }

    private static String shown(List<String> names) {
        return names.size() <= 12 ? names.toString()
                : names.subList(0, 12).toString().replace("]", ", ... (" + names.size() + ")]");
    }

    /** The rows of {@code raw} with labels as classes; {@code train} non-null: checked against the training table. */
    private static ImageSet rows(RawTable raw, Classes classes, RawTable train) {
        if (train != null) {
            if (raw.isBytes() != train.isBytes())
                throw new KnetException(raw.name() + ": its features are " + (raw.isBytes() ? "binary" : "numbers")
                        + ", the training table's " + (train.isBytes() ? "binary" : "numbers")
                        + " (expected the same type as train)");
            if (raw.width() != train.width())
                throw new KnetException(raw.name() + ": rows of " + raw.width() + " features, the training table's "
                        + train.width() + " (expected the same width as train)");
        }
        byte[] labels = new byte[raw.size()];
        for (int i = 0; i < labels.length; i++) {
            Integer c = classes.index.get(raw.labels()[i]);
            if (c == null)
                throw new KnetException(raw.name() + ": " + raw.where(i) + ": label " + show(raw.labels()[i])
                        + " is not one of the training table's classes " + classes.shown());
            labels[i] = (byte) (int) c;
        }
        return raw.isBytes() ? ImageSet.ofBytes(raw.bytes(), labels, raw.width())
                : ImageSet.ofFloats(raw.floats(), labels, raw.width());
    }

    private static String show(Object label) {
        return label instanceof String s ? "\"" + s + "\"" : String.valueOf(label);
    }

    /** The training labels' distinct values, sorted: class i is the i-th. */
    private record Classes(Map<Object, Integer> index, List<String> names) {
        static Classes of(RawTable train) {
            boolean strings = train.labels()[0] instanceof String;
            TreeSet<Object> distinct = new TreeSet<>();
            for (int i = 0; i < train.size(); i++) {
                Object l = train.labels()[i];
                if ((l instanceof String) != strings)
                    throw new KnetException(train.name() + ": " + train.where(i) + ": label column holds both strings "
                            + "and numbers (expected one type in every file)");
                distinct.add(l);
            }
            if (distinct.size() < 2)
                throw new KnetException(train.name() + " has a single class (every label is "
                        + show(distinct.first()) + "); expected at least 2 classes");
            if (distinct.size() > ImageSet.MAX_CLASSES)
                throw new KnetException(train.name() + " has " + distinct.size() + " classes; at most "
                        + ImageSet.MAX_CLASSES + " are supported");
            Map<Object, Integer> index = new HashMap<>();
            List<String> names = new ArrayList<>();
            for (Object l : distinct) {
                index.put(l, names.size());
                names.add(String.valueOf(l));
            }
            return new Classes(index, names);
        }

        String shown() {
            return names.size() <= 12 ? names.toString()
                    : names.subList(0, 12).toString().replace("]", ", ... (" + names.size() + ")]");
        }
    }
}
