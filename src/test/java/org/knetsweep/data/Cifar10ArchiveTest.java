package org.knetsweep.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.KnetException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cifar10ArchiveTest {
    @TempDir
    Path tmp;

    private Path target() {
        return tmp.resolve("out");
    }

    @Test
    void extractsExactlyTheExpectedMembers() throws IOException {
        Path archive = SyntheticCifar.writeArchive(tmp.resolve("c.tar.gz"), 20);
        Path bins = Cifar10Archive.extract(archive, target());
        assertEquals(target().toAbsolutePath().resolve("cifar-10-batches-bin"), bins);
        for (int b = 1; b <= 6; b++)
            assertArrayEquals(SyntheticCifar.batchBytes(b, 20), Files.readAllBytes(bins.resolve(SyntheticCifar.fileName(b))));
        assertArrayEquals(SyntheticCifar.metaBytes(), Files.readAllBytes(bins.resolve("batches.meta.txt")));
        assertFalse(Files.exists(bins.resolve("readme.txt")), "readme.txt is not an expected member");
        assertTrue(Cifar10Archive.isExtracted(bins));
        assertEquals(List.of(), tempFiles(bins));
        Cifar10Raw raw = Cifar10Reader.readDirectory(bins);
        assertEquals(100, raw.train().size());
        assertEquals(SyntheticCifar.NAMES, raw.labelNames());
    }

    @Test
    void skipsUnexpectedMembersIncludingLookalikesElsewhere() throws IOException {
        List<SyntheticCifar.Entry> es = new ArrayList<>(SyntheticCifar.cifarEntries(2));
        es.add(0, SyntheticCifar.Entry.file("other/data_batch_1.bin", "x".getBytes(StandardCharsets.UTF_8)));
        es.add(SyntheticCifar.Entry.file("cifar-10-batches-bin/extra.bin", "y".getBytes(StandardCharsets.UTF_8)));
        es.add(SyntheticCifar.Entry.file("data_batch_2.bin", "z".getBytes(StandardCharsets.UTF_8)));
        Path archive = SyntheticCifar.writeArchive(tmp.resolve("c.tar.gz"), es);
        Path bins = Cifar10Archive.extract(archive, target());
        assertFalse(Files.exists(target().resolve("other")));
        assertFalse(Files.exists(bins.resolve("extra.bin")));
        assertFalse(Files.exists(target().resolve("data_batch_2.bin")));
        assertArrayEquals(SyntheticCifar.batchBytes(1, 2), Files.readAllBytes(bins.resolve("data_batch_1.bin")));
    }

    @Test
    void handlesUstarPrefixGnuLongNamesPaxPathsAndDotSlash() throws IOException {
        List<SyntheticCifar.Entry> es = new ArrayList<>();
        es.add(SyntheticCifar.Entry.file("./cifar-10-batches-bin/data_batch_1.bin", SyntheticCifar.batchBytes(1, 2)));
        es.add(new SyntheticCifar.Entry("data_batch_2.bin", SyntheticCifar.batchBytes(2, 2), '0', "cifar-10-batches-bin", false));
        byte[] longName = "cifar-10-batches-bin/data_batch_3.bin\0".getBytes(StandardCharsets.UTF_8);
        es.add(new SyntheticCifar.Entry("././@LongLink", longName, 'L', "", false));
        es.add(SyntheticCifar.Entry.file("truncated-short-name", SyntheticCifar.batchBytes(3, 2)));
        String rec = "path=cifar-10-batches-bin/data_batch_4.bin\n";
        String pax = (rec.length() + 3) + " " + rec;
        es.add(new SyntheticCifar.Entry("PaxHeaders/x", pax.getBytes(StandardCharsets.UTF_8), 'x', "", false));
        es.add(SyntheticCifar.Entry.file("short4", SyntheticCifar.batchBytes(4, 2)));
        es.add(SyntheticCifar.Entry.file("cifar-10-batches-bin/sub/../data_batch_5.bin", SyntheticCifar.batchBytes(5, 2)));
        es.add(SyntheticCifar.Entry.file("cifar-10-batches-bin/test_batch.bin", SyntheticCifar.batchBytes(6, 2)));
        Path archive = SyntheticCifar.writeArchive(tmp.resolve("c.tar.gz"), es);
        Path bins = Cifar10Archive.extract(archive, target());
        for (int b = 1; b <= 6; b++)
            assertArrayEquals(SyntheticCifar.batchBytes(b, 2), Files.readAllBytes(bins.resolve(SyntheticCifar.fileName(b))),
                    "batch " + b);
        assertFalse(Files.exists(target().resolve("truncated-short-name")));
        assertFalse(Files.exists(target().resolve("short4")));
        assertFalse(Files.exists(bins.resolve("batches.meta.txt")));
    }

    @Test
    void pathTraversalEntryIsRejectedAndNotWritten() {
        List<SyntheticCifar.Entry> es = new ArrayList<>();
        es.add(SyntheticCifar.Entry.file("../evil", "pwned".getBytes(StandardCharsets.UTF_8)));
        es.addAll(SyntheticCifar.cifarEntries(2));
        Path archive = SyntheticCifar.writeArchive(tmp.resolve("c.tar.gz"), es);
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Archive.extract(archive, target()));
        assertTrue(e.getMessage().contains("../evil") && e.getMessage().contains(archive.toString()), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("evil")));
        assertFalse(Cifar10Archive.isExtracted(target().resolve("cifar-10-batches-bin")));
    }

    @Test
    void escapingEntriesInDisguiseAreRejected() {
        Path outside = tmp.resolve("abs-evil").toAbsolutePath();
        for (String name : List.of("cifar-10-batches-bin/../../evil2", outside.toString())) {
            List<SyntheticCifar.Entry> es = new ArrayList<>(SyntheticCifar.cifarEntries(2));
            es.add(SyntheticCifar.Entry.file(name, "pwned".getBytes(StandardCharsets.UTF_8)));
            Path archive = SyntheticCifar.writeArchive(tmp.resolve("c.tar.gz"), es);
            KnetException e = assertThrows(KnetException.class, () -> Cifar10Archive.extract(archive, target()));
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("evil2")));
        assertFalse(Files.exists(outside));
    }

    @Test
    void truncatedArchiveIsReportedAndLeavesNoHalfFile() throws IOException {
        Path good = SyntheticCifar.writeArchive(tmp.resolve("good.tar.gz"), 300);
        byte[] all = Files.readAllBytes(good);
        Path archive = tmp.resolve("cut.tar.gz");
        Files.write(archive, Arrays.copyOf(all, all.length / 2));
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Archive.extract(archive, target()));
        assertTrue(e.getMessage().contains(archive.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        Path bins = target().resolve("cifar-10-batches-bin");
        assertEquals(List.of(), tempFiles(bins));
        assertFalse(Cifar10Archive.isExtracted(bins));
        assertFalse(Files.exists(bins.resolve(Cifar10Archive.MANIFEST)));
        for (int b = 1; b <= 6; b++)
            assertFalse(Files.exists(bins.resolve(SyntheticCifar.fileName(b))), "no member of a failed extraction");
    }

    @Test
    void archiveCutAtTheGzipTrailerIsTruncated() throws IOException {
        byte[] all = Files.readAllBytes(SyntheticCifar.writeArchive(tmp.resolve("good.tar.gz"), 2));
        Path archive = tmp.resolve("cut.tar.gz");
        Files.write(archive, Arrays.copyOf(all, all.length - 4));
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Archive.extract(archive, target()));
        assertTrue(e.getMessage().contains(archive.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        assertFalse(Cifar10Archive.isExtracted(target().resolve("cifar-10-batches-bin")));
    }

    @Test
    void notGzipIsReported() throws IOException {
        Path archive = tmp.resolve("plain.tar.gz");
        Files.write(archive, SyntheticCifar.tar(SyntheticCifar.cifarEntries(1)));
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Archive.extract(archive, target()));
        assertTrue(e.getMessage().contains(archive.toString()) && e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void corruptedGzipDataIsReported() throws IOException {
        byte[] all = Files.readAllBytes(SyntheticCifar.writeArchive(tmp.resolve("good.tar.gz"), 20));
        for (int i = all.length / 3; i < all.length / 3 + 64; i++) all[i] ^= 0x5A;
        Path archive = tmp.resolve("bad.tar.gz");
        Files.write(archive, all);
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Archive.extract(archive, target()));
        assertTrue(e.getMessage().contains(archive.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt") || e.getMessage().contains("truncated"), e.getMessage());
        Path bins = target().resolve("cifar-10-batches-bin");
        assertFalse(Cifar10Archive.isExtracted(bins));
        assertFalse(Cifar10Reader.isComplete(bins), "members of a corrupt archive are not left behind");
        for (int b = 1; b <= 6; b++) assertFalse(Files.exists(bins.resolve(SyntheticCifar.fileName(b))));
        assertEquals(List.of(), tempFiles(bins));
    }

    @Test
    void badHeaderChecksumIsReported() {
        List<SyntheticCifar.Entry> es = new ArrayList<>(SyntheticCifar.cifarEntries(2));
        es.set(4, new SyntheticCifar.Entry(es.get(4).name(), es.get(4).data(), '0', "", true));
        Path archive = SyntheticCifar.writeArchive(tmp.resolve("c.tar.gz"), es);
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Archive.extract(archive, target()));
        assertTrue(e.getMessage().contains(archive.toString()) && e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void archiveWithoutTheBatchesIsReported() {
        List<SyntheticCifar.Entry> es = new ArrayList<>(SyntheticCifar.cifarEntries(2));
        es.removeIf(x -> x.name().endsWith("data_batch_3.bin") || x.name().endsWith("test_batch.bin"));
        Path archive = SyntheticCifar.writeArchive(tmp.resolve("c.tar.gz"), es);
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Archive.extract(archive, target()));
        assertTrue(e.getMessage().contains("data_batch_3.bin, test_batch.bin"), e.getMessage());
        assertFalse(Cifar10Archive.isExtracted(target().resolve("cifar-10-batches-bin")));
    }

    @Test
    void missingArchiveIsNamed() {
        Path archive = tmp.resolve("none.tar.gz");
        KnetException e = assertThrows(KnetException.class, () -> Cifar10Archive.extract(archive, target()));
        assertTrue(e.getMessage().contains(archive.toString()), e.getMessage());
    }

    @Test
    void completeExtractionIsNotRepeatedButADamagedOneIs() throws IOException {
        Path archive = SyntheticCifar.writeArchive(tmp.resolve("c.tar.gz"), 3);
        Path bins = Cifar10Archive.extract(archive, target());
        byte[] good = Files.readAllBytes(archive);
        Files.write(archive, "garbage".getBytes(StandardCharsets.UTF_8));
        assertEquals(bins, Cifar10Archive.extract(archive, target()), "no re-extraction: the archive is not read");
        Files.write(bins.resolve("data_batch_2.bin"), new byte[3073]);
        assertThrows(KnetException.class, () -> Cifar10Archive.extract(archive, target()),
                "a member with the wrong size triggers a new extraction");
        Files.write(archive, good);
        Cifar10Archive.extract(archive, target());
        assertArrayEquals(SyntheticCifar.batchBytes(2, 3), Files.readAllBytes(bins.resolve("data_batch_2.bin")));
    }

    @Test
    void concurrentExtractionsIntoOneFolderAgree() throws Exception {
        Path archive = SyntheticCifar.writeArchive(tmp.resolve("c.tar.gz"), 50);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> fs = new ArrayList<>();
            for (int i = 0; i < 4; i++) fs.add(pool.submit(() -> Cifar10Archive.extract(archive, target())));
            for (Future<Path> f : fs) assertEquals(target().toAbsolutePath().resolve("cifar-10-batches-bin"), f.get());
        } finally {
            pool.shutdownNow();
        }
        Path bins = target().resolve("cifar-10-batches-bin");
        assertArrayEquals(SyntheticCifar.batchBytes(6, 50), Files.readAllBytes(bins.resolve("test_batch.bin")));
        assertEquals(List.of(), tempFiles(bins));
    }

    @Test
    void tarNumbersAcceptOctalAndBase256() throws Exception {
        byte[] h = new byte[512];
        System.arraycopy("   17 \0".getBytes(StandardCharsets.US_ASCII), 0, h, 124, 7);
        assertEquals(15, TarReader.number(h, 124, 12, 0, "size"));
        byte[] g = new byte[512];
        g[124] = (byte) 0x80;
        g[134] = 0x01;
        g[135] = 0x02;
        assertEquals(0x0102, TarReader.number(g, 124, 12, 0, "size"));
        byte[] bad = new byte[512];
        bad[124] = '9';
        assertThrows(TarReader.TarFormatException.class, () -> TarReader.number(bad, 124, 12, 0, "size"));
    }

    private static List<Path> tempFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
