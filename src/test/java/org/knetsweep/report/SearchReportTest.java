package org.knetsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.report.SearchSpace.Parameter;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.SweepRecord;
import org.knetsweep.trial.SweepStatus;
import org.knetsweep.trial.TrialOutcome;

/**
 * A synthetic joint search of log10(lambda) and eta-max (the columns eta_min, eta_max, step_size and batch_size that
 * newer trials tables add, given per trial as the store would read them), against the one-parameter lambda search.
 */
class SearchReportTest {
    private static final String ID = "joint-search-20261130-050000";
    private static final double[][] COARSE = {{-2.9, 0.03}, {-2.4, 0.25}, {-2.1, 0.08}, {-1.6, 0.12}, {-1.2, 0.02}};
    private static final double[][] FINE = {{-2.3, 0.09}, {-2.15, 0.07}, {-2.0, 0.1}};
    private static final double BEST_LOG10 = -2.15;
    private static final double BEST_ETA = 0.07;

    @TempDir
    Path out;

    /** Best at (log10 lambda, eta max) = (-2.15, 0.07). */
    private static double accuracy(double log10Lambda, double etaMax) {
        double dl = log10Lambda - BEST_LOG10;
        double de = Math.log10(etaMax / BEST_ETA);
        return 0.52 - 0.04 * dl * dl - 0.05 * de * de;
    }

    private record Sweep(List<TrialOutcome> trials, Map<String, Map<String, Double>> columns, SweepRecord record) {
    }

    private static Sweep jointSearch(boolean etaVaries) {
        LoadedConfig cfg = SyntheticSweeps.config();
        List<TrialOutcome> trials = new ArrayList<>();
        Map<String, Map<String, Double>> columns = new HashMap<>();
        for (Stage stage : List.of(Stage.COARSE, Stage.FINE)) {
            double[][] points = stage == Stage.COARSE ? COARSE : FINE;
            for (int i = 0; i < points.length; i++) {
                double eta = etaVaries ? points[i][1] : 0.1;
                TrialOutcome t = SyntheticSweeps.trial(ID, stage, i, points[i][0], true, "he", 0.1, 2,
                        accuracy(points[i][0], eta), Double.NaN, cfg.hash());
                trials.add(t);
                columns.put(t.trialId(), Map.of("eta_min", 1e-5, "eta_max", eta, "step_size", 50.0, "batch_size", 100.0));
            }
        }
        TrialOutcome fin = SyntheticSweeps.trial(ID, Stage.FINAL, 0, BEST_LOG10, true, "he", 0.1, 3,
                accuracy(BEST_LOG10, BEST_ETA) + 0.02, 0.5301, cfg.hash());
        trials.add(fin);
        columns.put(fin.trialId(), Map.of("eta_min", 1e-5, "eta_max", etaVaries ? BEST_ETA : 0.1, "step_size", 50.0,
                "batch_size", 100.0));
        SweepRecord record = new SweepRecord(ID, "joint-search", cfg.rendered(), SweepStatus.COMPLETE, SyntheticSweeps.T0,
                SyntheticSweeps.T0.plusSeconds(300), "fine-001", BEST_LOG10, accuracy(BEST_LOG10, BEST_ETA), 0.5301,
                "local[2]", "local-3", "knet-sweep 0.1.0");
        return new Sweep(trials, columns, record);
    }

    private SweepReport.Written write(Sweep s, Map<String, Map<String, Double>> columns, Path to) {
        return SweepReport.of(ID, "tables", s.record(), s.trials(), List.of(), columns).write(to);
    }

    @Test
    void theVaryingParametersComeFromTheData() {
        Sweep joint = jointSearch(true);
        SearchSpace space = SearchSpace.of(joint.trials(), joint.columns());
        // eta_min, step_size and batch_size are constant; cycles differ only in the final retrain
        assertEquals(List.of(Parameter.LOG10_LAMBDA, Parameter.ETA_MAX), space.varying());
        assertTrue(space.isMultiParameter());
        TrialOutcome winner = SearchSection.winner(joint.record(), joint.trials().subList(0, 5),
                joint.trials().subList(5, 8));
        assertEquals("fine-001", winner.trialId());
        assertEquals("log10(λ) = -2.15, η max = 7e-2", space.describe(winner));
        assertTrue(space.logScale(Parameter.ETA_MAX, joint.trials()), "0.02 .. 0.25 spans more than a decade");
        // an old table: no extra columns, so only log10(lambda) can vary
        assertEquals(List.of(Parameter.LOG10_LAMBDA), SearchSpace.of(joint.trials(), Map.of()).varying());
    }

    @Test
    void aTwoParameterSearchHasAFigurePerParameterAPairwiseScatterAndTheWinnersParameters() throws IOException {
        SweepReport.Written w = write(jointSearch(true), jointSearch(true).columns(), out);
        List<String> pngs = pngs(w.dir());
        assertTrue(pngs.containsAll(List.of("search-log10_lambda.png", "search-eta_max.png",
                "search-log10_lambda-eta_max.png")), pngs.toString());
        assertFalse(pngs.contains("lambda-search.png"), pngs.toString());
        for (String png : List.of("search-log10_lambda.png", "search-eta_max.png", "search-log10_lambda-eta_max.png")) {
            var image = ImageIO.read(w.dir().resolve(png).toFile());
            assertNotNull(image, png);
            assertEquals(Figures.WIDTH * Figures.SCALE, image.getWidth(), png);
        }
        String md = Files.readString(w.markdown());
        assertTrue(md.contains("Best parameters") && md.contains("log10(λ) = -2.15, η max = 7e-2 (fine-001)"), md);
        assertTrue(md.contains("search over 2 parameters (coarse, fine, final)"), md);
        assertTrue(md.contains("Validation accuracy against η max: 5 coarse and 3 fine trials, and the final retrain;"
                + " the dashed line marks the winner's η max = 7e-2; test accuracy 53.01%."), md);
        assertTrue(md.contains("η max against log10(λ) of the coarse and fine trials, coloured by validation accuracy"),
                md);
        assertTrue(md.contains("| rank | trial | log10(λ) | η max | val accuracy | best val accuracy |"), md);
        assertTrue(md.contains("Final: final-000 retrained log10(λ) = -2.15, η max = 7e-2 for 3 cycles"), md);
    }

    @Test
    void aOneParameterSearchKeepsTodaysReportWhateverExtraColumnsItsTableHas() throws IOException {
        Sweep lambdaOnly = jointSearch(false);
        SweepReport.Written withColumns = write(lambdaOnly, lambdaOnly.columns(), out.resolve("new"));
        SweepReport.Written oldTable = write(lambdaOnly, Map.of(), out.resolve("old"));
        assertEquals(pngs(oldTable.dir()), pngs(withColumns.dir()));
        assertTrue(pngs(withColumns.dir()).contains("lambda-search.png"));
        assertTrue(pngs(withColumns.dir()).stream().noneMatch(p -> p.startsWith("search-")));
        assertEquals(Files.readString(oldTable.markdown()), Files.readString(withColumns.markdown()));
        for (String png : pngs(oldTable.dir())) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(oldTable.dir().resolve(png)),
                    Files.readAllBytes(withColumns.dir().resolve(png))), png);
        }
        assertFalse(Files.readString(withColumns.markdown()).contains("Best parameters"));
    }

    @Test
    void accuracyBandsSplitTheRangeEvenly() {
        assertEquals(0, SearchFigures.band(0.40, 0.40, 0.50, 5));
        assertEquals(1, SearchFigures.band(0.43, 0.40, 0.50, 5));
        assertEquals(4, SearchFigures.band(0.50, 0.40, 0.50, 5));
        assertEquals(0, SearchFigures.band(0.45, 0.45, 0.45, 5));
    }

    private static List<String> pngs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        }
    }
}
