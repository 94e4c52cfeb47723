package org.knetsweep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knetsweep.KnetException;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static LoadedConfig sets(String... sets) {
        return ConfigLoader.load(null, List.of(sets));
    }

    private static KnetException fails(Path file, String... sets) {
        return assertThrows(KnetException.class, () -> ConfigLoader.load(file, List.of(sets)));
    }

    // ---- defaults

    @Test
    void defaultsEqualTheDocumentedValues() {
        LoadedConfig c = ConfigLoader.defaults();
        RunConfig run = c.run();
        assertEquals(42L, run.seed());

        DataConfig d = run.data();
        assertEquals("auto", d.source());
        assertEquals("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", d.url());
        assertEquals("c32a1d4ab5d03f1284b67883e8d87530", d.md5());
        assertEquals("data", d.cacheDir());
        assertEquals(5000, d.validationSize());
        assertEquals(0, d.trainLimit());
        assertEquals(0, d.featureLimit());

        NetworkConfig n = run.network();
        assertEquals(List.of(50, 50), n.hidden());
        assertTrue(n.batchNorm());
        assertEquals(InitScheme.HE, n.init());
        assertEquals(0.1, n.initSigma());
        assertEquals(0.9, n.bnAlpha());
        assertEquals(1e-8, n.bnEpsilon());

        TrainingConfig t = run.training();
        assertEquals(0.005, t.lambda());
        assertEquals(100, t.batchSize());
        assertEquals(1e-5, t.etaMin());
        assertEquals(1e-1, t.etaMax());
        assertEquals(0, t.stepSize());
        assertEquals(2250, t.stepSizeFor(d.trainSize()), "0 means 5 * 45000 / 100");
        assertEquals(2, t.cycles());
        assertEquals(Precision.FLOAT32, t.precision());
        assertEquals(5000, t.trainEvalSize());

        GradCheckConfig g = c.gradCheck();
        assertEquals(new NetworkConfig(List.of(50, 50), true, InitScheme.HE, 0.1, 0.9, 1e-8), g.network());
        assertEquals(0.005, g.lambda());
        assertEquals(List.of(42L, 8L), g.seeds());
        assertEquals(1000, g.samples());
        assertEquals(100, g.features());
        assertEquals(1e-4, g.h());
        assertEquals("notebooks-out/gradcheck.md", g.output());

        assertEquals(new BenchConfig(2000, 300, 100, 5000), c.bench());

        SweepConfig w = c.sweep();
        assertEquals("lambda-search", w.name());
        assertEquals(10, w.coarseTrials());
        assertEquals(-3.0, w.log10Min());
        assertEquals(-1.0, w.log10Max());
        assertEquals(10, w.fineTrials());
        assertEquals(0.05, w.fineMinHalfWidth());
        assertTrue(w.finalEnabled());
        assertEquals(3, w.finalCycles());
        assertEquals(List.of(), w.failTrials());
        assertEquals("notebooks-out/tables", w.resultsRoot());
        assertEquals("local[*]", w.sparkMaster());
    }

    @Test
    void knownKeysAreExactlyTheDocumentedOnes() {
        Set<String> expected = new TreeSet<>(List.of("knet.seed",
                "knet.data.source", "knet.data.url", "knet.data.md5", "knet.data.cache-dir", "knet.data.validation-size",
                "knet.data.train-limit", "knet.data.feature-limit", "knet.data.format", "knet.data.train",
                "knet.data.test", "knet.data.validation", "knet.data.label-column", "knet.data.features-column",
                "knet.data.image-shape", "knet.data.order-column",
                "knet.network.hidden", "knet.network.batch-norm", "knet.network.init", "knet.network.init-sigma",
                "knet.network.bn-alpha", "knet.network.bn-epsilon",
                "knet.training.lambda", "knet.training.batch-size", "knet.training.eta-min", "knet.training.eta-max",
                "knet.training.step-size", "knet.training.cycles", "knet.training.precision",
                "knet.training.train-eval-size",
                "knet.gradcheck.hidden", "knet.gradcheck.batch-norm", "knet.gradcheck.init", "knet.gradcheck.init-sigma",
                "knet.gradcheck.lambda", "knet.gradcheck.seeds", "knet.gradcheck.samples", "knet.gradcheck.features",
                "knet.gradcheck.h", "knet.gradcheck.output",
                "knet.bench.steps", "knet.bench.warmup", "knet.bench.batch-size", "knet.bench.images",
                "knet.sweep.name", "knet.sweep.coarse.trials", "knet.sweep.coarse.log10-lambda-min",
                "knet.sweep.coarse.log10-lambda-max", "knet.sweep.fine.trials", "knet.sweep.fine.min-half-width",
                "knet.sweep.final.enabled", "knet.sweep.final.cycles", "knet.sweep.final.replicas",
                "knet.sweep.final.refit", "knet.sweep.fail-trials",
                "knet.sweep.mode", "knet.sweep.grid.batch-norm", "knet.sweep.grid.hidden", "knet.sweep.grid.init",
                "knet.sweep.grid.init-sigma", "knet.sweep.grid.log10-lambda", "knet.sweep.grid.cycles",
                "knet.sweep.halving.enabled", "knet.sweep.halving.rungs", "knet.sweep.halving.eta",
                "knet.sweep.halving.min-budget", "knet.sweep.halving.asynchronous", "knet.sweep.halving.restarts",
                "knet.sweep.tpe.startup-trials",
                "knet.sweep.tpe.quantile", "knet.sweep.tpe.max-good", "knet.sweep.tpe.candidates",
                "knet.sweep.tpe.prior-weight", "knet.sweep.tpe.multivariate", "knet.sweep.tpe.lag",
                "knet.sweep.tpe.min-bandwidth", "knet.sweep.replicas", "knet.sweep.replicas-top-k",
                "knet.sweep.save-models", "knet.sweep.lease-timeout", "knet.sweep.sampler", "knet.sweep.search-seed",
                "knet.sweep.edge.fraction", "knet.sweep.edge.extend", "knet.sweep.edge.trials", "knet.sweep.edge.width",
                "knet.results.root", "knet.spark.master"));
        assertEquals(expected, ConfigLoader.knownKeys());
    }

    @Test
    void everyReferenceKeyHasAOneLineComment() throws IOException {
        List<String> lines;
        try (var in = ConfigLoader.class.getClassLoader().getResourceAsStream("reference.conf")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.startsWith("#") && line.contains("=")) {
                assertTrue(i > 0 && lines.get(i - 1).trim().startsWith("#"), "no comment above: " + line);
            }
        }
    }

    // ---- layering

    @Test
    void userFileOverridesDefaultsAndKeepsTheRest() throws IOException {
        Path file = write("user.conf", """
                # a comment
                knet {
                  seed = 7
                  network { hidden = [20, 10], batch-norm = false, init = normal, init-sigma = 0.01 }
                  training.lambda = 0.01
                  training.precision = "float64"
                }
                """);
        LoadedConfig c = ConfigLoader.load(file, List.of());
        assertEquals(7L, c.run().seed());
        assertEquals(List.of(20, 10), c.run().network().hidden());
        assertFalse(c.run().network().batchNorm());
        assertEquals(InitScheme.NORMAL, c.run().network().init());
        assertEquals(0.01, c.run().network().initSigma());
        assertEquals(0.01, c.run().training().lambda());
        assertEquals(Precision.FLOAT64, c.run().training().precision());
        assertEquals(100, c.run().training().batchSize(), "untouched keys keep their defaults");
        assertEquals(0.9, c.run().network().bnAlpha());
    }

    @Test
    void setOverridesListsStringsNumbersAndBooleans() {
        LoadedConfig c = sets("knet.network.hidden=[50,30,20]", "training.precision=float64",
                "data.url=https://example.org/a//b.tar.gz", "data.source=\"/tmp/x y/cifar.tar.gz\"",
                "training.lambda=0.0125", "training.cycles=3", "network.batch-norm=false",
                "seed=123");
        assertEquals(List.of(50, 30, 20), c.run().network().hidden());
        assertEquals(Precision.FLOAT64, c.run().training().precision());
        assertEquals("https://example.org/a//b.tar.gz", c.run().data().url(), "string values are taken literally");
        assertEquals("/tmp/x y/cifar.tar.gz", c.run().data().source());
        assertEquals(0.0125, c.run().training().lambda());
        assertEquals(3, c.run().training().cycles());
        assertFalse(c.run().network().batchNorm());
        assertEquals(123L, c.run().seed());
    }

    @Test
    void setOverridesTheSweepSections() {
        LoadedConfig c = sets("knet.sweep.fail-trials=[\"coarse-001\"]", "results.root=hdfs://x/y",
                "spark.master=spark://master:7077", "sweep.name=quick", "sweep.coarse.trials=4",
                "sweep.coarse.log10-lambda-min=-5", "sweep.coarse.log10-lambda-max=-2.5", "sweep.fine.trials=0",
                "sweep.fine.min-half-width=0.1", "sweep.final.enabled=false", "sweep.final.cycles=1");
        SweepConfig w = c.sweep();
        assertEquals(List.of("coarse-001"), w.failTrials());
        assertEquals("hdfs://x/y", w.resultsRoot(), "a URI needs no quotes in --set");
        assertEquals("spark://master:7077", w.sparkMaster());
        assertEquals(new SweepConfig("quick", 4, -5, -2.5, 0, 0.1, false, 1, List.of("coarse-001"), "hdfs://x/y",
                "spark://master:7077", SweepConfig.Mode.LAMBDA_SEARCH, null), w);
        assertEquals(ConfigLoader.defaults().run(), c.run(), "the sweep keys leave the run untouched");
    }

    @Test
    void sweepSectionsFromAFile() throws IOException {
        Path file = write("sweep.conf", """
                knet {
                  sweep {
                    coarse { trials = 3, log10-lambda-min = -4 }
                    final.enabled = off
                    fail-trials = [coarse-001, "fine-002"]
                  }
                  results.root = "s3a://bucket/knet/tables"
                  spark.master = "local[2]"
                }
                """);
        SweepConfig w = ConfigLoader.load(file, List.of("sweep.fail-trials=[]")).sweep();
        assertEquals(3, w.coarseTrials());
        assertEquals(-4.0, w.log10Min());
        assertEquals(-1.0, w.log10Max(), "untouched keys keep their defaults");
        assertFalse(w.finalEnabled());
        assertEquals(List.of(), w.failTrials(), "--set comes after the file");
        assertEquals("s3a://bucket/knet/tables", w.resultsRoot());
        assertEquals("local[2]", w.sparkMaster());
        assertEquals(List.of("coarse-001", "fine-002"), ConfigLoader.load(file, List.of()).sweep().failTrials());
    }

    @Test
    void setsApplyInOrderAfterTheFile() throws IOException {
        Path file = write("user.conf", "knet.training.cycles = 5\nknet.training.lambda = 0.1\n");
        LoadedConfig c = ConfigLoader.load(file, List.of("training.cycles=4", "knet.training.cycles=6"));
        assertEquals(6, c.run().training().cycles());
        assertEquals(0.1, c.run().training().lambda());
    }

    @Test
    void substitutionsSeeAllLayers() {
        LoadedConfig c = sets("network.hidden=[30,20]", "gradcheck.hidden=${knet.network.hidden}");
        assertEquals(List.of(30, 20), c.gradCheck().network().hidden());
    }

    @Test
    void numericStringsAndWholeDoublesAreAccepted() {
        LoadedConfig c = sets("training.cycles=\"3\"", "bench.steps=1e3", "network.batch-norm=off");
        assertEquals(3, c.run().training().cycles());
        assertEquals(1000, c.bench().steps());
        assertFalse(c.run().network().batchNorm());
    }

    // ---- user errors

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.conf");
        KnetException e = fails(missing);
        assertEquals("config file not found: " + missing, e.getMessage());
    }

    @Test
    void syntaxErrorNamesFileAndLine() throws IOException {
        Path file = write("broken.conf", "knet {\n  seed = 1\n  network { hidden = [1,\n}\n");
        KnetException e = fails(file);
        assertTrue(e.getMessage().startsWith("syntax error in " + file + " line 4: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void setWithoutEqualsIsRejected() {
        assertEquals("--set expects key=value, got 'training.cycles'", fails(null, "training.cycles").getMessage());
        assertTrue(fails(null, "=3").getMessage().contains("empty key"));
    }

    @Test
    void unparsableSetNamesTheArgument() {
        KnetException e = fails(null, "network.hidden=[1,");
        assertTrue(e.getMessage().startsWith("cannot parse --set network.hidden=[1,: "), e.getMessage());
    }

    @Test
    void unknownKeyInFileIsNamedWithFileLineAndSuggestion() throws IOException {
        Path file = write("typo.conf", "knet {\n  training {\n    batchsize = 50\n  }\n}\n");
        KnetException e = fails(file);
        assertEquals("unknown key knet.training.batchsize (in " + file + " line 3); did you mean knet.training.batch-size?",
                e.getMessage());
    }

    @Test
    void unknownKeyInSetIsNamedWithSuggestion() {
        KnetException e = fails(null, "network.hiden=[10]");
        assertEquals("unknown key knet.network.hiden (from --set network.hiden=[10]); did you mean knet.network.hidden?",
                e.getMessage());
        assertTrue(fails(null, "knet.trainig.cycles=3").getMessage().endsWith("did you mean knet.training.cycles?"));
        assertTrue(fails(null, "training.etaMax=0.2").getMessage().endsWith("did you mean knet.training.eta-max?"));
    }

    @Test
    void unknownKeysUnderSweepAreRejected() throws IOException {
        assertEquals("unknown key knet.sweep.coarse.trails (from --set sweep.coarse.trails=5); "
                + "did you mean knet.sweep.coarse.trials?", fails(null, "sweep.coarse.trails=5").getMessage());
        assertEquals("unknown key knet.sweep.patience (from --set sweep.patience=3); keys of knet.sweep: "
                + "coarse.*, edge.*, fail-trials, final.*, fine.*, grid.*, halving.*, lease-timeout, mode, name, replicas, replicas-top-k, "
                + "sampler, save-models, search-seed, tpe.*", fails(null, "sweep.patience=3").getMessage());
        assertTrue(fails(null, "sweep.coarse=5").getMessage().startsWith("knet.sweep.coarse is a section, not a value"));
        Path file = write("sweep-typo.conf", "knet.sweep {\n  final {\n    epochs = 30\n  }\n}\n");
        assertEquals("unknown key knet.sweep.final.epochs (in " + file + " line 3); keys of knet.sweep.final: "
                + "cycles, enabled, refit, replicas", fails(file).getMessage());
        assertTrue(fails(null, "results.path=/tmp/t").getMessage().endsWith("keys of knet.results: root"));
    }

    @Test
    void saveModelsIsFinalByDefaultAndTakesAllOrNone() {
        assertEquals(SaveModels.FINAL, ConfigLoader.load(null, List.of()).saveModels());
        assertEquals(SaveModels.ALL, ConfigLoader.load(null, List.of("sweep.save-models=all")).saveModels());
        assertEquals(SaveModels.NONE, ConfigLoader.load(null, List.of("sweep.save-models=NONE")).saveModels());
        assertTrue(fails(null, "sweep.save-models=best").getMessage().contains("knet.sweep.save-models"),
                fails(null, "sweep.save-models=best").getMessage());
    }

    @Test
    void keyOutsideKnetInFileSuggestsThePrefixedKey() throws IOException {
        Path file = write("noprefix.conf", "training.lambda = 0.1\n");
        KnetException e = fails(file);
        assertTrue(e.getMessage().startsWith("unknown key training.lambda (in " + file + " line 1)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("did you mean knet.training.lambda?"), e.getMessage());
    }

    @Test
    void unknownKeyWithoutCloseMatchListsTheSection() {
        KnetException e = fails(null, "network.dropout=0.5");
        assertEquals("unknown key knet.network.dropout (from --set network.dropout=0.5); keys of knet.network: "
                + "batch-norm, bn-alpha, bn-epsilon, hidden, init, init-sigma", e.getMessage());
    }

    @Test
    void severalUnknownKeysReportTheFirstAndCountTheRest() throws IOException {
        Path file = write("many.conf", "knet.foo = 1\nknet.bar = 2\nknet.seed = 3\n");
        KnetException e = fails(file);
        assertTrue(e.getMessage().startsWith("unknown key knet.foo (in " + file + " line 1)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(and 1 more unknown key)"), e.getMessage());
    }

    @Test
    void aSectionSetToAValueIsRejected() {
        KnetException e = fails(null, "network=5");
        assertTrue(e.getMessage().startsWith("knet.network is a section, not a value (from --set network=5)"),
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "training.cycles=two        | knet.training.cycles: expected an integer, got 'two'",
            "training.cycles=2.5        | knet.training.cycles: expected an integer, got 2.5",
            "training.eta-max=fast      | knet.training.eta-max: expected a number, got 'fast'",
            "network.batch-norm=maybe   | knet.network.batch-norm: expected true or false, got 'maybe'",
            "network.hidden=50          | knet.network.hidden: expected a list of integers, got 50",
            "network.hidden=[50,x]      | knet.network.hidden: expected a list of integers, got [50,\"x\"]",
            "gradcheck.seeds=[1.5]      | knet.gradcheck.seeds: expected a list of integers, got [1.5]",
            "data.validation-size=[1]   | knet.data.validation-size: expected an integer, got [1]",
            "bench.steps=3000000000     | knet.bench.steps: expected an integer, got 3000000000",
            "training.lambda=null       | knet.training.lambda: expected a number, got null",
            "sweep.fail-trials=coarse-1 | knet.sweep.fail-trials: expected a list of strings, got 'coarse-1'",
            "sweep.fail-trials=[[1]]    | knet.sweep.fail-trials: expected a list of strings, got [[1]]",
            "sweep.final.enabled=maybe  | knet.sweep.final.enabled: expected true or false, got 'maybe'",
            "sweep.coarse.trials=ten    | knet.sweep.coarse.trials: expected an integer, got 'ten'",
    })
    void wrongTypesNameKeyAndValue(String set, String expectedPrefix) {
        KnetException e = fails(null, set);
        assertTrue(e.getMessage().startsWith(expectedPrefix), e.getMessage());
    }

    @Test
    void wrongTypeInFileNamesFileAndLine() throws IOException {
        Path file = write("types.conf", "knet.seed = 1\nknet.training.cycles = two\n");
        assertEquals("knet.training.cycles: expected an integer, got 'two' (" + file + " line 2)", fails(file).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
                        "training.batch-size=-1                  | knet.training.batch-size     | -1",
            "data.validation-size=-5                 | knet.data.validation-size    | -5",
            "data.train-limit=-1                     | knet.data.train-limit        | -1",
            "bench.steps=0                           | knet.bench.steps             | 0",
            "bench.images=99                         | knet.bench.images            | 99",
            "gradcheck.samples=-10                   | knet.gradcheck.samples       | -10",
            "training.eta-min=0.5                    | knet.training.eta-min        | 0.5",
            "network.hidden=[]                       | knet.network.hidden          | []",
            "gradcheck.hidden=[]                     | knet.gradcheck.hidden        | []",
            "network.hidden=[50,0]                   | knet.network.hidden          | [50, 0]",
            "data.validation-size=50000              | knet.data.validation-size    | 50000",
            "data.feature-limit=4000                 | knet.data.feature-limit      | 4000",
            "network.bn-alpha=1                      | knet.network.bn-alpha        | 1.0",
            "training.precision=float16              | knet.training.precision      | float16",
            "network.init=xavier                     | knet.network.init            | xavier",
            "gradcheck.init=xavier                   | knet.gradcheck.init          | xavier",
            "gradcheck.seeds=[]                      | knet.gradcheck.seeds         | []",
            "data.source=\"\"                        | knet.data.source             | \"\"",
            "sweep.coarse.trials=-1                  | knet.sweep.coarse.trials     | -1",
            "sweep.coarse.trials=0                   | knet.sweep.coarse.trials     | 0",
            "sweep.fine.trials=-2                    | knet.sweep.fine.trials       | -2",
            "sweep.fine.min-half-width=-0.1          | knet.sweep.fine.min-half-width | -0.1",
            "sweep.final.cycles=0                    | knet.sweep.final.cycles      | 0",
            "sweep.coarse.log10-lambda-max=-3        | knet.sweep.coarse.log10-lambda-max | -3.0",
            "sweep.coarse.log10-lambda-max=-4        | knet.sweep.coarse.log10-lambda-max | -4.0",
            "sweep.name=\"\"                         | knet.sweep.name              | \"\"",
            "results.root=                           | knet.results.root            | \"\"",
            "results.root=\"  \"                     | knet.results.root            | \"\"",
            "spark.master=\"\"                       | knet.spark.master            | \"\"",
            "sweep.halving.rungs=1                  | knet.sweep.halving.rungs     | 1",
            "sweep.halving.eta=1                    | knet.sweep.halving.eta       | 1.0",
            "sweep.halving.min-budget=0             | knet.sweep.halving.min-budget | 0.0",
            "sweep.halving.restarts=true            | knet.sweep.halving.restarts  | true",
            "sweep.replicas=-1                      | knet.sweep.replicas          | -1",
            "sweep.replicas-top-k=0                 | knet.sweep.replicas-top-k    | 0",
            "sweep.edge.fraction=0.5                | knet.sweep.edge.fraction     | 0.5",
            "sweep.edge.width=0                     | knet.sweep.edge.width        | 0.0",
            "sweep.edge.trials=0                    | knet.sweep.edge.trials       | 0",
    })
    void recordValidationNamesKeyAndValue(String set, String key, String value) {
        KnetException e = fails(null, set);
        assertTrue(e.getMessage().contains(key + ": " + value + " "), e.getMessage());
    }

    @Test
    void lambdaRangeErrorNamesBothEnds() {
        assertEquals("invalid value for knet.sweep.coarse.log10-lambda-max: -2.0 (expected a finite number above "
                        + "knet.sweep.coarse.log10-lambda-min (-2.0))",
                fails(null, "sweep.coarse.log10-lambda-min=-2", "sweep.coarse.log10-lambda-max=-2").getMessage());
        assertEquals("invalid value for knet.results.root: \"\" (expected a folder or a Hadoop URI (file://, hdfs://, "
                + "s3a://))", fails(null, "knet.results.root=").getMessage());
    }

    @Test
    void batchLargerThanTheTrainingSetIsRejected() {
        KnetException e = fails(null, "data.train-limit=50", "training.batch-size=100");
        assertEquals("invalid value for knet.training.batch-size: 100 (expected at most the training-set size (50 images))",
                e.getMessage());
    }

    // ---- knet.data: the Parquet table keys

    @Test
    void parquetSettingsBecomeATableConfig() {
        LoadedConfig c = sets("data.format=parquet", "data.train=hdfs://nn/t", "data.test=/local/test",
                "data.label-column=species", "data.features-column=vec", "data.image-shape=[1, 2, 3]",
                "data.order-column=id");
        DataConfig d = c.run().data();
        assertEquals(DataFormat.PARQUET, d.format());
        assertTrue(d.isTable());
        assertEquals(new TableConfig("hdfs://nn/t", "/local/test", "", "species", "vec", List.of(1, 2, 3), "id"),
                d.table());
        assertTrue(c.rendered().contains("train=\"hdfs://nn/t\""), c.rendered());
        assertTrue(c.rendered().contains("format=parquet"), c.rendered());
        // read back from its rendered text (a sweep's stored configuration)
        assertEquals(d, ConfigLoader.fromRendered(c.rendered()).run().data());
    }

    @Test
    void theTableKeysAtTheirDefaultsLeaveTheCifarRenderingAndHashAsBefore() {
        LoadedConfig d = ConfigLoader.defaults();
        assertEquals(DataFormat.CIFAR10, d.run().data().format());
        for (String key : List.of("format", "train", "test", "validation", "label-column", "features-column",
                "image-shape", "order-column"))
            assertFalse(d.rendered().contains(key + "="), key + " in " + d.rendered());
        assertEquals(d.hash(), sets("data.format=CIFAR10", "data.image-shape=[]", "data.label-column=label").hash());
    }

    @Test
    void aTableFormatNeedsATrainingTableAndAKnownFormat() {
        KnetException e = assertThrows(KnetException.class, () -> sets("data.format=parquet"));
        assertTrue(e.getMessage().contains("knet.data.train"), e.getMessage());
        e = assertThrows(KnetException.class, () -> sets("data.format=csv"));
        assertTrue(e.getMessage().contains("knet.data.format") && e.getMessage().contains("\"cifar10\" or \"parquet\""),
                e.getMessage());
        e = assertThrows(KnetException.class, () -> sets("data.format=parquet", "data.train=x", "data.image-shape=[3, 32]"));
        assertTrue(e.getMessage().contains("knet.data.image-shape"), e.getMessage());
        // a table's validation-size is checked against its rows when it is read, not against CIFAR-10's 50,000
        assertEquals(60_000, sets("data.format=parquet", "data.train=x", "data.validation-size=60000").run().data()
                .validationSize());
    }

    // ---- rendered text and hash

    @Test
    void renderedAndHashAreStable() throws Exception {
        LoadedConfig a = ConfigLoader.defaults();
        LoadedConfig b = ConfigLoader.defaults();
        assertEquals(a.rendered(), b.rendered());
        assertEquals(a.hash(), b.hash());
        assertTrue(a.hash().matches("[0-9a-f]{12}"), a.hash());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(a.rendered().getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(digest).substring(0, 12), a.hash());
        assertTrue(a.rendered().startsWith("knet {"), a.rendered());
        for (String key : List.of("seed=42", "batch-size=100", "precision=float32", "hidden=[", "lambda=0.005")) {
            assertTrue(a.rendered().contains(key), key + " in " + a.rendered());
        }
    }

    @Test
    void hashChangesWithAValueAndIgnoresHowItWasWritten() {
        String defaults = ConfigLoader.defaults().hash();
        assertNotEquals(defaults, sets("training.lambda=0.01").hash());
        assertNotEquals(defaults, sets("network.hidden=[50,50,50]").hash());
        assertNotEquals(sets("gradcheck.seeds=[1,2]").hash(), sets("gradcheck.seeds=[2,1]").hash());
        // the same values written differently: same hash
        assertEquals(defaults, sets("training.eta-max=0.1", "training.precision=FLOAT32", "knet.seed=42.0").hash());
        assertEquals(sets("training.precision=float64").hash(), sets("training.precision=double").hash());
        assertNotEquals(defaults, sets("sweep.coarse.trials=5").hash());
        assertNotEquals(defaults, sets("results.root=hdfs://x/y").hash());
        assertEquals(defaults, sets("sweep.coarse.log10-lambda-min=-3.0", "sweep.final.enabled=yes").hash());
    }

    @Test
    void renderedTextLoadsBackToTheSameConfig() throws IOException {
        LoadedConfig original = sets("network.hidden=[40,30]", "data.source=/tmp/cifar.tar.gz", "training.eta-min=2e-5",
                "results.root=hdfs://x/y", "sweep.fail-trials=[coarse-001, fine-010]", "sweep.fine.min-half-width=0.2");
        Path file = write("rendered.conf", original.rendered());
        LoadedConfig again = ConfigLoader.load(file, List.of());
        assertEquals(original.rendered(), again.rendered());
        assertEquals(original.hash(), again.hash());
        assertEquals(original.run(), again.run());
        assertEquals(original.gradCheck(), again.gradCheck());
        assertEquals(original.sweep(), again.sweep());
    }

    @Test
    void leaseTimeoutDefaultsToAMinuteAndMustBePositive() {
        assertEquals(60, ConfigLoader.load(null, List.of()).leaseTimeoutSeconds());
        assertEquals(5, ConfigLoader.load(null, List.of("sweep.lease-timeout=5")).leaseTimeoutSeconds());
        org.knetsweep.KnetException e = org.junit.jupiter.api.Assertions.assertThrows(org.knetsweep.KnetException.class,
                () -> ConfigLoader.load(null, List.of("sweep.lease-timeout=0")));
        assertTrue(e.getMessage().contains("knet.sweep.lease-timeout"), e.getMessage());
    }
}
