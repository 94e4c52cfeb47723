package org.knetsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.cli.InProcessKnet;
import org.knetsweep.cli.InProcessKnet.Run;
import org.knetsweep.data.SyntheticTables;
import org.knetsweep.data.SyntheticTables.Features;
import org.knetsweep.data.SyntheticTables.Labels;
import org.knetsweep.data.SyntheticTables.Spec;

/** Sweeps on Parquet tables: CIFAR-10's export gives the binary archive's rows, a plain table sweeps end to end. */
@Tag("spark")
class ParquetSweepTest {
    /** Columns that differ between any two runs (timings, hosts, the configuration text and its hash, paths). */
    private static final Set<String> VOLATILE = Set.of("wall_ms", "executor_id", "host", "started_at", "finished_at",
            "config", "config_hash", "spark_master", "application_id", "versions", "path", "bytes", "notes");

    @TempDir
    Path dir;

    private static List<String> sweep(String id, List<String> sets) {
        List<String> args = new ArrayList<>(List.of("sweep", "--master", "local[2]", "--sweep-id", id));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return args;
    }

    /** The trials rows of {@code results} as CSV lines without the volatile columns, sorted. */
    private static List<String> trials(Path results) {
        Run q = InProcessKnet.knet(List.of("query", "SELECT * FROM trials", "--results", results.toString(),
                "--format", "csv", "--limit", "0"));
        assertEquals(0, q.status(), q.err());
        List<String> lines = q.out().lines().toList();
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = csv(line);
            assertEquals(header.size(), cells.size(), line);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < header.size(); i++)
                if (!VOLATILE.contains(header.get(i))) b.append(header.get(i)).append('=').append(cells.get(i)).append(';');
            rows.add(b.toString());
        }
        return rows.stream().sorted().toList();
    }

    private static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') cur.append(c).append(line.charAt(++i));
                else if (c == '"') quoted = false;
                else cur.append(c);
            } else if (c == '"') quoted = true;
            else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }

    @Test
    void cifarExportedAsParquetGivesTheArchivesTrialsToTheLastBit() {
        Path data = SyntheticData.write(dir.resolve("in"), 100);
        Path export = dir.resolve("pq");
        Run exported = InProcessKnet.knet(List.of("data", "export-cifar10", "--output", export.toString(), "--set",
                "knet.data.source=" + data, "--set", "knet.data.cache-dir=" + dir.resolve("cache")));
        assertEquals(0, exported.status(), exported.out() + exported.err());
        assertTrue(exported.out().contains("wrote 500 rows to " + export + "/train"), exported.out());
        assertTrue(exported.out().contains("--set knet.data.format=parquet"), exported.out());

        Path a = dir.resolve("binary");
        Run binary = InProcessKnet.knet(sweep("same", SyntheticData.tinySweep(data, a)));
        assertEquals(0, binary.status(), binary.out() + binary.err());
        Path b = dir.resolve("parquet");
        List<String> sets = new ArrayList<>(SyntheticData.tinySweep(data, b));
        sets.addAll(List.of("knet.data.format=parquet", "knet.data.train=" + export.resolve("train"),
                "knet.data.test=" + export.resolve("test"), "knet.data.features-column=image",
                "knet.data.image-shape=[3, 32, 32]", "knet.data.order-column=id"));
        Run parquet = InProcessKnet.knet(sweep("same", sets));
        assertEquals(0, parquet.status(), parquet.out() + parquet.err());
        assertTrue(parquet.out().contains("table " + export.resolve("train") + ": 400 train / 100 validation / 100 test "
                + "rows, 300 features, 10 classes"), parquet.out());

        List<String> fromBinary = trials(a);
        assertEquals(4 + 3 + 2, fromBinary.size());
        assertTrue(fromBinary.stream().anyMatch(r -> r.contains("stage=final;") && !r.contains("test_accuracy=;")));
        assertEquals(fromBinary, trials(b));
    }

    @Test
    void aPlainTableSweepsCoarseFineAndFinalAndSavesAModelOfItsShape() throws Exception {
        Spec spec = new Spec(2000, 40, 4, 11, 3, Labels.STRING, Features.VECTOR_DENSE);
        Path train = SyntheticTables.write(dir.resolve("train"), spec);
        Path test = SyntheticTables.write(dir.resolve("test"), spec.withRows(400).with(Features.ARRAY_FLOAT)
                .withSeed(11));
        Path results = dir.resolve("tables");
        Run run = InProcessKnet.knet(sweep("table", tableSweep(train, results, "knet.data.test=" + test)));
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("test_accuracy="), run.out());
        Run stages = InProcessKnet.knet(List.of("query", "SELECT stage, count(*) AS n, min(val_accuracy) > 0.5 AS "
                + "learned, count(test_accuracy) AS tested FROM trials GROUP BY stage ORDER BY stage", "--results",
                results.toString(), "--format", "csv"));
        assertEquals(List.of("stage,n,learned,tested", "coarse,3,true,0", "final,2,true,2", "fine,2,true,0"),
                stages.out().lines().toList(), stages.out() + stages.err());

        Path manifest;
        try (Stream<Path> files = Files.walk(results)) {
            manifest = files.filter(p -> p.getFileName().toString().equals("manifest.json")).findFirst().orElseThrow();
        }
        String json = Files.readString(manifest);
        assertTrue(json.contains("\"inputs\": 40"), json);
        assertTrue(json.contains("\"label_names\": [\"class-w\", \"class-x\", \"class-y\", \"class-z\"]"), json);
        assertTrue(json.contains("\"image_shape\": []"), json);
        assertTrue(json.contains("\"format\": \"parquet\""), json);
        assertTrue(json.contains("\"train\": \"" + train + "\""), json);
        assertTrue(json.contains("\"test\": \"" + test + "\""), json);
        assertTrue(json.contains("{\"name\": \"mean\", \"shape\": [40]"), json);
        org.knetsweep.model.TrainedModel model = org.knetsweep.model.SavedModels.read(manifest.getParent().toString(),
                java.util.Map.of());
        assertEquals(40, model.manifest().inputs());
        assertEquals(4, model.manifest().classes());
    }

    private static List<String> tableSweep(Path train, Path results, String... extra) {
        List<String> sets = new ArrayList<>(List.of(
                "knet.data.format=parquet", "knet.data.train=" + train,
                "knet.data.cache-dir=" + train.getParent().resolve("cache"),
                "knet.data.validation-size=300", "knet.network.hidden=[16]",
                "knet.training.batch-size=50", "knet.training.step-size=34", "knet.training.cycles=1",
                "knet.training.eta-min=1e-4", "knet.training.eta-max=5e-2", "knet.training.train-eval-size=200",
                "knet.sweep.coarse.trials=3", "knet.sweep.coarse.log10-lambda-min=-5",
                "knet.sweep.coarse.log10-lambda-max=-2", "knet.sweep.fine.trials=2", "knet.sweep.final.cycles=1",
                "knet.results.root=" + results));
        sets.addAll(List.of(extra));
        return sets;
    }

    @Test
    void withoutATestTableTheTestMetricsAreAbsent() {
        Spec spec = new Spec(600, 10, 3, 2, 2, Labels.INT, Features.ARRAY_DOUBLE);
        Path train = SyntheticTables.write(dir.resolve("train"), spec);
        Path results = dir.resolve("tables");
        Run run = InProcessKnet.knet(sweep("notest", tableSweep(train, results, "knet.sweep.coarse.trials=2",
                "knet.sweep.fine.trials=1", "knet.sweep.final.replicas=1")));
        assertEquals(0, run.status(), run.out() + run.err());
        Run q = InProcessKnet.knet(List.of("query", "SELECT count(*) AS n, count(test_accuracy) AS tested FROM trials",
                "--results", results.toString(), "--format", "csv"));
        assertEquals(List.of("n,tested", "4,0"), q.out().lines().toList(), q.out() + q.err());
    }

    @Test
    void aBadTableIsOneLineBeforeAnythingIsWritten() throws Exception {
        Spec spec = new Spec(300, 6, 3, 2, 2, Labels.INT, Features.ARRAY_FLOAT);
        Path train = SyntheticTables.write(dir.resolve("train"), spec);
        Path test = SyntheticTables.write(dir.resolve("test"), new Spec(50, 7, 3, 2, 1, Labels.INT, Features.ARRAY_FLOAT));
        Path results = dir.resolve("tables");
        Run run = InProcessKnet.knet(sweep("bad", tableSweep(train, results, "knet.data.test=" + test,
                "knet.data.validation-size=50")));
        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("table " + test + " (knet.data.test): rows of 7 features, the training "
                + "table's 6 (expected the same width as train)"), run.err());
        assertFalse(Files.exists(results) && Files.walk(results).anyMatch(Files::isRegularFile),
                "nothing written under the results root");
    }
}
