package org.knetsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;
import org.knetsweep.config.TableConfig;

/**
 * The fast path for image tables ({@link PlainRows}: footer, pages, Snappy and the hybrid encoding read without
 * parquet's classes) against parquet's own readers ({@link ParquetRowReader}) on files written by parquet with every
 * codec, both page versions, dictionary encoding on and off, small pages and row groups, and each label type: the
 * same labels, bytes, order values and row positions, or the file given back (-1) and read by parquet.
 */
class PlainRowsTest {
    @TempDir
    Path tmp;

    private static final int ROWS = 700;
    private static final int WIDTH = 48;

    /** One file's layout. */
    private record Layout(String labelType, CompressionCodecName codec, WriterVersion version, boolean dictionary,
                          boolean optional, boolean palette) {
        Layout(String labelType, CompressionCodecName codec, WriterVersion version, boolean dictionary,
               boolean optional) {
            this(labelType, codec, version, dictionary, optional, false);
        }
    }

    private Path write(String name, Layout l, int nullFeatureRow, double labelOffset) throws IOException {
        String rep = l.optional ? "optional" : "required";
        String label = switch (l.labelType) {
            case "string" -> rep + " binary label (STRING);";
            case "double" -> rep + " double label;";
            case "float" -> rep + " float label;";
            case "long" -> rep + " int64 label;";
            default -> rep + " int32 label;";
        };
        MessageType schema = MessageTypeParser.parseMessageType("message t { " + rep + " int64 id; " + label
                + " optional binary image; }");
        Path file = tmp.resolve(name);
        Configuration conf = new Configuration();
        SplittableRandom rnd = new SplittableRandom(name.hashCode());
        byte[][] palette = new byte[40][WIDTH]; // repeated images: dictionary pages for the features too
        for (byte[] p : palette) rnd.nextBytes(p);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(
                        new org.apache.hadoop.fs.Path(file.toUri()), conf))
                .withConf(conf).withType(schema).withCompressionCodec(l.codec).withWriterVersion(l.version)
                .withDictionaryEncoding(l.dictionary).withPageSize(2048).withDictionaryPageSize(l.palette ? 65536 : 4096)
                .withRowGroupSize(16 * 1024L).build()) {
            SimpleGroupFactory f = new SimpleGroupFactory(schema);
            for (int i = 0; i < ROWS; i++) {
                Group g = f.newGroup();
                g.append("id", (long) (i * 7 % ROWS)); // not in order: the table is sorted by it
                int c = (i * 31 + i / 3) % 5;
                switch (l.labelType) {
                    case "string" -> g.append("label", "class-" + c);
                    case "double" -> g.append("label", c + labelOffset);
                    case "float" -> g.append("label", (float) (c + labelOffset));
                    case "long" -> g.append("label", (long) c - 3);
                    default -> g.append("label", c * 1000);
                }
                if (i != nullFeatureRow) {
                    boolean shared = l.palette || i % 3 == 0;
                    byte[] img = shared ? palette[i % palette.length] : new byte[WIDTH];
                    if (!shared) rnd.nextBytes(img);
                    g.append("image", Binary.fromConstantByteArray(img));
                }
                w.write(g);
            }
        }
        return file;
    }

    private static TableConfig cfg(String order) {
        return new TableConfig("t", "", "", "label", "image", List.of(), order);
    }

    private static List<Layout> layouts() {
        List<Layout> out = new ArrayList<>();
        for (CompressionCodecName codec : List.of(CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY,
                CompressionCodecName.GZIP))
            for (WriterVersion v : WriterVersion.values())
                for (boolean dictionary : new boolean[] {true, false})
                    out.add(new Layout("int", codec, v, dictionary, true));
        for (String type : List.of("string", "double", "float", "long"))
            out.add(new Layout(type, CompressionCodecName.SNAPPY, WriterVersion.PARQUET_1_0, true, true));
        out.add(new Layout("int", CompressionCodecName.SNAPPY, WriterVersion.PARQUET_1_0, true, false));
        out.add(new Layout("long", CompressionCodecName.UNCOMPRESSED, WriterVersion.PARQUET_2_0, true, false));
        // v2 pages that stay dictionary encoded (few distinct images, a large dictionary page)
        for (CompressionCodecName codec : List.of(CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY))
            for (boolean optional : new boolean[] {true, false})
                out.add(new Layout("int", codec, WriterVersion.PARQUET_2_0, true, optional, true));
        return out;
    }

    @Test
    void readsWhatParquetReadsInEveryLayout() throws IOException {
        int fast = 0;
        for (Layout l : layouts()) {
            Path f = write("t-" + l.labelType + "-" + l.codec + "-" + l.version + "-" + l.dictionary + "-"
                    + l.optional + "-" + l.palette + ".parquet", l, -1, 0);
            String what = l.toString();
            TableConfig cfg = cfg("id");
            ParquetFooter foot = ParquetFooter.read(f);
            assertNotNull(foot, what);
            ParquetRowReader parquet = new ParquetRowReader("t");
            assertEquals(parquet.recordCount(f), foot.rowGroups().stream().mapToLong(ParquetFooter.RowGroup::rows).sum(),
                    what);
            if (!l.palette) assertTrue(foot.rowGroups().size() > 1, what + ": several row groups");
            assertTrue(PlainRows.takes(foot, cfg), what);
            TableRows mine = new TableRows(ROWS, true, "id", true);
            int end = PlainRows.read(f, 3, foot, mine, 0, cfg, MemoryBudget.ofThisJvm(), new ChunkPages.Buffers());
            TableRows theirs = parquet.read(f, 3, parquet.schema(f), null, 0, ROWS, "knet.data.train", cfg,
                    MemoryBudget.ofThisJvm(), new int[1]);
            if (l.version == WriterVersion.PARQUET_1_0 || l.palette)
                assertEquals(ROWS, end, what + ": v1 pages and dictionary-encoded v2 pages are the fast path's");
            if (end < 0) {
                // given back (v2 writes DELTA encodings): the table reader then reads the file with parquet
                RawTable t = TableReader.read(List.of(f), "t", "knet.data.train", cfg, MemoryBudget.ofThisJvm());
                assertArrayEquals(theirs.table("t", "k", List.of(f)).bytes(), t.bytes(), what);
                continue;
            }
            fast++;
            assertArrayEquals(theirs.labels, mine.labels, what);
            assertArrayEquals(theirs.flatBytes, mine.flatBytes, what);
            assertArrayEquals(theirs.order, mine.order, what);
            assertArrayEquals(theirs.where, mine.where, what);
            assertEquals(WIDTH, mine.width, what);
        }
        assertEquals(15, fast, "layouts the fast path took");
    }

    @Test
    void givesBackAFileWithAProblemSoThatParquetsReaderNamesIt() throws IOException {
        Layout l = new Layout("int", CompressionCodecName.SNAPPY, WriterVersion.PARQUET_1_0, true, true);
        Path nulls = write("nulls.parquet", l, 123, 0);
        ParquetFooter foot = ParquetFooter.read(nulls);
        assertEquals(-1, PlainRows.read(nulls, 0, foot, new TableRows(ROWS, true, "", true), 0, cfg(""),
                MemoryBudget.ofThisJvm(), new ChunkPages.Buffers()));
        KnetException e = assertThrows(KnetException.class, () -> TableReader.read(List.of(nulls), "t",
                "knet.data.train", cfg(""), MemoryBudget.ofThisJvm()));
        assertEquals("table t (knet.data.train): nulls.parquet, row 123: null in column image", e.getMessage());

        Layout d = new Layout("double", CompressionCodecName.SNAPPY, WriterVersion.PARQUET_1_0, true, true);
        Path fractions = write("fractions.parquet", d, -1, 0.5);
        KnetException f = assertThrows(KnetException.class, () -> TableReader.read(List.of(fractions), "t",
                "knet.data.train", cfg(""), MemoryBudget.ofThisJvm()));
        assertTrue(f.getMessage().startsWith("table t (knet.data.train): fractions.parquet, row 0: label "),
                f.getMessage());
    }

    @Test
    void aCorruptFileIsReadOrRefusedInOneLineNeverCrashes() throws IOException {
        // bytes flipped in the footer's metadata and in the page headers and levels at the start of each column
        // chunk: the table reads, or one KnetException line names it; nothing else escapes
        int refused = 0;
        int read = 0;
        for (CompressionCodecName codec : List.of(CompressionCodecName.SNAPPY, CompressionCodecName.UNCOMPRESSED)) {
            Path good = write("good-" + codec + ".parquet", new Layout("string", codec, WriterVersion.PARQUET_1_0,
                    true, true), -1, 0);
            byte[] bytes = java.nio.file.Files.readAllBytes(good);
            int footerLength = ChunkPages.le32(bytes, bytes.length - 8);
            List<Long> chunkStarts = new ArrayList<>();
            for (ParquetFooter.RowGroup g : ParquetFooter.read(good).rowGroups())
                for (ParquetFooter.Chunk c : g.chunks().values()) chunkStarts.add(c.start());
            SplittableRandom rnd = new SplittableRandom(11);
            for (int k = 0; k < 200; k++) {
                byte[] bad = bytes.clone();
                int flips = 1 + rnd.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    int at = k % 2 == 0 ? bytes.length - 8 - 1 - rnd.nextInt(footerLength)
                            : (int) (chunkStarts.get(rnd.nextInt(chunkStarts.size())) + rnd.nextInt(40));
                    bad[at] ^= (byte) (1 + rnd.nextInt(255));
                }
                Path f = tmp.resolve("bad-" + codec + "-" + k + ".parquet");
                java.nio.file.Files.write(f, bad);
                try {
                    RawTable t = TableReader.read(List.of(f), "t", "knet.data.train", cfg(""), MemoryBudget.ofThisJvm());
                    assertTrue(t.size() > 0, "case " + k);
                    read++;
                } catch (KnetException e) {
                    assertTrue(e.getMessage().startsWith("table t (knet.data.train): "), e.getMessage());
                    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
                    refused++;
                }
                java.nio.file.Files.delete(f);
            }
        }
        assertTrue(refused > 20 && read > 20, refused + " refused, " + read + " read");
    }

    @Test
    void theFastPathNamesNoParquetOrHadoopClass() throws IOException {
        // so that an image table's first load in a JVM loads none of their classes (see docs/performance.md)
        for (String cls : List.of("TableReader", "TableRows", "TableFiles", "Uris", "PlainRows", "ChunkPages",
                "ParquetFooter", "CompactThrift", "SnappyRaw", "RowProblem", "TableLoader")) {
            String src = java.nio.file.Files.readString(Path.of("src/main/java/org/knetsweep/data/" + cls + ".java"));
            assertTrue(!src.contains("org.apache.parquet") && !src.contains("org.apache.hadoop"), cls);
        }
    }

    @Test
    void aFileThatIsNotParquetIsLeftToParquetsReader() throws IOException {
        Path junk = tmp.resolve("junk.parquet");
        java.nio.file.Files.write(junk, "PAR1 not really a parquet file PAR1".getBytes());
        assertEquals(null, ParquetFooter.read(junk));
        KnetException e = assertThrows(KnetException.class, () -> TableReader.read(List.of(junk), "t",
                "knet.data.train", cfg(""), MemoryBudget.ofThisJvm()));
        assertTrue(e.getMessage().startsWith("table t (knet.data.train): junk.parquet is not a readable Parquet file"),
                e.getMessage());
    }
}
