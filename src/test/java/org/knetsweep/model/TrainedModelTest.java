package org.knetsweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knetsweep.KnetException;
import org.knetsweep.config.Precision;
import org.knetsweep.config.RunConfig;
import org.knetsweep.data.DataSplit;
import org.knetsweep.train.Evaluation;
import org.knetsweep.train.Evaluator;
import org.knetsweep.train.TrainingResult;

class TrainedModelTest {
    private static TrainedModel readBack(Map<String, byte[]> files) {
        return TrainedModel.read("mem", name -> {
            byte[] b = files.get(name);
            if (b == null) throw new KnetException("model file mem/" + name + " not found");
            return b;
        });
    }

    @Test
    void roundTripGivesTheTrainersTestAccuracyAndTheSameNetwork() {
        for (Precision p : Precision.values()) {
            for (boolean bn : new boolean[] {true, false}) {
                DataSplit data = ModelFixtures.split(300);
                RunConfig cfg = ModelFixtures.config(bn, p, 300);
                TrainingResult r = ModelFixtures.train(cfg, data);
                TrainedModel back = readBack(ModelFixtures.model(cfg, data, r).files());
                assertTrue(back.state().sameAs(r.network()), p + " bn=" + bn);
                assertArrayEquals(data.standardizer().mean(), back.standardizer().mean());
                assertArrayEquals(data.standardizer().std(), back.standardizer().std());
                assertEquals(cfg, back.manifest().run());
                Evaluation e = new Evaluator(back.network(), back.standardizer())
                        .evaluate(data.test(), 0, cfg.training().lambda());
                assertEquals(r.test().accuracy(), e.accuracy(), 0.0);
                assertEquals(r.test().loss(), e.loss(), 0.0);
                assertEquals(r.test().cost(), e.cost(), 0.0);
                Predictor.Predictions pred = new Predictor(back).predict(data.test());
                int correct = 0;
                for (int i = 0; i < pred.size(); i++) if (pred.labels()[i] == data.test().label(i)) correct++;
                assertEquals(r.test().accuracy(), (double) correct / data.test().size(), 0.0);
                double sum = 0;
                for (int k = 0; k < 10; k++) sum += pred.probability(0, k);
                assertEquals(1.0, sum, 1e-9);
            }
        }
    }

    @Test
    void documentedLayoutRawLittleEndianArraysListedInTheManifest() {
        DataSplit data = ModelFixtures.split(300);
        RunConfig cfg = ModelFixtures.config(true, Precision.FLOAT32, 300);
        TrainingResult r = ModelFixtures.train(cfg, data);
        Map<String, byte[]> files = ModelFixtures.model(cfg, data, r).files();
        String json = new String(files.get("manifest.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"format_version\": 1"), json);
        assertTrue(json.contains("{\"name\": \"W1\", \"shape\": [300, 20], \"dtype\": \"<f4\", \"file\": \"W1.bin\", "
                + "\"bytes\": 24000, \"sha256\": \""), json);
        assertTrue(json.contains("{\"name\": \"mean\", \"shape\": [300], \"dtype\": \"<f8\""), json);
        List<String> names = List.of("W1", "gamma1", "beta1", "W2", "gamma2", "beta2", "W3", "b3", "mu1", "var1", "mu2",
                "var2", "mean", "std");
        assertEquals(names, readBack(files).manifest().arrays().stream().map(ArrayEntry::name).toList());
        // W1[1, 2] (row-major [inputs, units]) is the float at byte (1 * 20 + 2) * 4, little-endian
        ByteBuffer w1 = ByteBuffer.wrap(files.get("W1.bin")).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals((float) r.network().tensors().get("W1")[22], w1.getFloat(22 * 4));
        ByteBuffer mean = ByteBuffer.wrap(files.get("mean.bin")).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(data.standardizer().mean()[5], mean.getDouble(5 * 8));
    }

    @Test
    void badArtifactsAreRejectedWithOneClearMessage() {
        DataSplit data = ModelFixtures.split(300);
        RunConfig cfg = ModelFixtures.config(true, Precision.FLOAT32, 300);
        Map<String, byte[]> good = ModelFixtures.model(cfg, data, ModelFixtures.train(cfg, data)).files();

        Map<String, byte[]> missing = new HashMap<>(good);
        missing.remove("W2.bin");
        assertMessage(missing, "W2.bin not found");

        Map<String, byte[]> truncated = new HashMap<>(good);
        truncated.put("W1.bin", java.util.Arrays.copyOf(good.get("W1.bin"), 1000));
        assertMessage(truncated, "W1.bin has 1000 bytes, the manifest says 24000 (truncated?)");

        Map<String, byte[]> cutManifest = new HashMap<>(good);
        byte[] m = good.get("manifest.json");
        cutManifest.put("manifest.json", java.util.Arrays.copyOf(m, m.length / 2));
        assertMessage(cutManifest, "is not valid JSON (truncated?)");

        String json = new String(m, StandardCharsets.UTF_8);
        assertMessage(withManifest(good, json.replace("\"format_version\": 1", "\"format_version\": 2")),
                "has format_version 2; this knet-sweep reads format_version 1");
        assertMessage(withManifest(good, json.replace("\"shape\": [300, 20]", "\"shape\": [300, 21]")),
                "array W1 is listed with shape [300, 21]");
        assertMessage(withManifest(good, json.replace("\"hidden\": [20, 15]", "\"hidden\": [20, 16]")),
                "array W2 is listed with shape [20, 15]");
        assertMessage(withManifest(good, json.replace("\"bytes\": 24000", "\"bytes\": 24004")),
                "array W1 is listed with shape [300, 20], dtype <f4, 24004 bytes");
        assertMessage(withManifest(good, json.replace("knet-sweep-model", "other")), "not a knet-sweep model");
    }

    @Test
    void theManifestRecordsEachArraysSha256AndAChangedByteIsFound() {
        DataSplit data = ModelFixtures.split(300);
        RunConfig cfg = ModelFixtures.config(true, Precision.FLOAT32, 300);
        Map<String, byte[]> good = ModelFixtures.model(cfg, data, ModelFixtures.train(cfg, data)).files();
        String json = new String(good.get("manifest.json"), StandardCharsets.UTF_8);
        for (ArrayEntry a : readBack(good).manifest().arrays()) {
            String hex = java.util.HexFormat.of().formatHex(sha256(good.get(a.file())));
            assertEquals(hex, a.sha256(), a.name());
            assertTrue(json.contains("\"file\": \"" + a.file() + "\", \"bytes\": " + a.bytes() + ", \"sha256\": \""
                    + hex + "\"}"), json);
        }
        for (String file : List.of("W2.bin", "mu1.bin", "std.bin")) {
            Map<String, byte[]> flipped = new HashMap<>(good);
            byte[] b = good.get(file).clone();
            b[b.length / 2] ^= 0x10;
            flipped.put(file, b);
            assertMessage(flipped, "model mem: " + file + " is corrupted: its SHA-256 is ");
        }
        assertMessage(withManifest(good, json.replaceFirst("\"sha256\": \"[0-9a-f]{64}\"", "\"sha256\": \"abc\"")),
                "has sha256 \"abc\"; expected 64 hex digits");
    }

    @Test
    void aModelSavedBeforeHashesWereRecordedStillLoads() {
        DataSplit data = ModelFixtures.split(300);
        RunConfig cfg = ModelFixtures.config(false, Precision.FLOAT64, 300);
        TrainingResult r = ModelFixtures.train(cfg, data);
        Map<String, byte[]> files = ModelFixtures.model(cfg, data, r).files();
        String json = new String(files.get("manifest.json"), StandardCharsets.UTF_8);
        String old = json.replaceAll(", \"sha256\": \"[0-9a-f]{64}\"", "");
        assertFalse(old.contains("sha256"), old);
        TrainedModel back = readBack(withManifest(files, old));
        assertTrue(back.state().sameAs(r.network()));
        assertTrue(back.manifest().arrays().stream().allMatch(a -> a.sha256() == null));
        // without hashes nothing tells a changed value from a trained one: the price of an old manifest
        Map<String, byte[]> flipped = new HashMap<>(withManifest(files, old));
        byte[] b = files.get("W1.bin").clone();
        b[3] ^= 0x01;
        flipped.put("W1.bin", b);
        assertFalse(readBack(flipped).state().sameAs(r.network()));
    }

    private static byte[] sha256(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> withManifest(Map<String, byte[]> files, String json) {
        Map<String, byte[]> out = new HashMap<>(files);
        out.put("manifest.json", json.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static void assertMessage(Map<String, byte[]> files, String expected) {
        KnetException e = assertThrows(KnetException.class, () -> readBack(files));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
