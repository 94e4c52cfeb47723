package org.knetsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.results.SparkTestSession;
import org.knetsweep.sweep.SyntheticData;

/**
 * User errors found inside Spark tasks reach the terminal as one line and exit 2: the whole stderr of the command
 * (its own lines, anything else written to System.err, every log event) is that one line, with no Spark log line or
 * stack trace before it.
 */
@Tag("spark")
class QuietErrorsTest {
    @TempDir
    static Path dir;
    static ModelFixturesCli f;
    static SparkSession spark;
    static Path shortImages;
    static Path brightPixel;

    @BeforeAll
    static void tables() {
        spark = SparkTestSession.get();
        f = new ModelFixturesCli(dir);
        shortImages = dir.resolve("short-images");
        spark.sql("SELECT id, CAST(repeat('a', 100) AS BINARY) AS image FROM range(40)").repartition(2)
                .write().parquet(shortImages.toString());
        brightPixel = dir.resolve("bright-pixel");
        spark.sql("SELECT id, concat(array_repeat(CAST(id AS INT), 100), array(421), array_repeat(7, 2971)) AS image "
                + "FROM range(30)").repartition(2).write().parquet(brightPixel.toString());
    }

    private static void assertOneLine(WholeStderr.Run r, String expected) {
        assertTrue(r.oneUserErrorLine(), "status " + r.status() + ", stderr:\n" + r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void scoreWithImagesOfOneHundredBytes() {
        Path out = dir.resolve("scored-short");
        assertOneLine(WholeStderr.knet(List.of("score", f.row.path(), "--input", shortImages.toString(), "--output",
                out.toString(), "--master", "local[2]")), "image column 'image' holds 100 bytes; expected 3072");
        assertFalse(Files.exists(out));
    }

    @Test
    void predictWithImagesOfOneHundredBytes() {
        assertOneLine(WholeStderr.knet(List.of("predict", f.row.path(), "--input", shortImages.toString())),
                "image column 'image' holds 100 bytes; expected 3072");
        assertOneLine(WholeStderr.knet(List.of("predict", f.row.path(), "--input", shortImages.toString(),
                "--output", dir.resolve("predicted-short").toString())), "holds 100 bytes");
    }

    @Test
    void scoreWithAPixelValueOutOfRange() throws Exception {
        assertOneLine(WholeStderr.knet(List.of("score", f.row.path(), "--input", brightPixel.toString(), "--output",
                dir.resolve("scored-bright").toString())), "value 100 is 421; expected a pixel value 0..255");
        // the failed write leaves neither its output nor its staging folder, even when another task was still running
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains("scored-bright")).toList());
        }
    }

    @Test
    void scoreWithAnInputThatDoesNotExist() {
        Path missing = dir.resolve("no-such-table");
        assertOneLine(WholeStderr.knet(List.of("score", f.row.path(), "--input", missing.toString(), "--output",
                dir.resolve("scored-missing").toString())), missing.toString());
        assertOneLine(WholeStderr.knet(List.of("score", f.row.path(), "--input", missing.toUri().toString(),
                "--output", dir.resolve("scored-missing").toString())), "no-such-table");
    }

    private static List<String> sweep(String id, Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("sweep", "--master", "local[2]", "--sweep-id", id));
        for (String s : SyntheticData.tinySweep(data, dir.resolve("tables"), extra)) {
            args.add("--set");
            args.add(s);
        }
        return args;
    }

    @Test
    void aSweepWhoseExecutorsCannotReadTheArchive() throws Exception {
        Path garbage = Files.write(dir.resolve("cifar-10-binary.tar.gz"), "not an archive at all".getBytes());
        assertOneLine(WholeStderr.knet(sweep("bad-archive", garbage)), garbage + " is not a valid gzip file");
        Path truncated = dir.resolve("cut/cifar-10-binary.tar.gz");
        Files.createDirectories(truncated.getParent());
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(truncated))) {
            out.write(new byte[20_000]);
        }
        byte[] whole = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        // an archive that is being extracted is announced (it takes seconds); the failure is one more line
        WholeStderr.Run cut = WholeStderr.knet(sweep("cut-archive", truncated));
        List<String> lines = cut.err().lines().toList();
        assertEquals(2, cut.status(), cut.err());
        assertEquals(2, lines.size(), cut.err());
        assertTrue(lines.get(0).startsWith("CIFAR-10: extracting " + truncated + " into "), cut.err());
        assertTrue(lines.get(1).startsWith("knet: CIFAR-10 archive " + truncated + " is truncated"), cut.err());
    }

    @Test
    void aSweepWhoseExecutorsCannotDownloadTheArchive() {
        assumeTrue(System.getenv("CIFAR10_ARCHIVE") == null, "CIFAR10_ARCHIVE is set: no download is tried");
        Path empty = dir.resolve("no-data");
        String url = "http://127.0.0.1:9/cifar-10-binary.tar.gz"; // the discard port: connection refused
        assertOneLine(WholeStderr.knet(sweep("no-network", empty.resolve("x"), "knet.data.source=auto",
                "knet.data.url=\"" + url + "\"")), "cannot download " + url);
    }
}
