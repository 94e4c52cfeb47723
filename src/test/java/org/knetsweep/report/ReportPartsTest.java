package org.knetsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knetsweep.KnetException;
import org.knetsweep.config.ConfigLoader;
import org.knetsweep.config.LoadedConfig;
import org.knetsweep.trial.Stage;
import org.knetsweep.trial.TrainingStatus;
import org.knetsweep.trial.TrialOutcome;
import org.knowm.xchart.XYChart;

/** The report's parts: formatting, varying settings, chart rendering and reading a stored configuration back. */
class ReportPartsTest {
    @Test
    void theFinalStageParagraphStatesTheRefitAndTheIntervalOverSeeds() {
        String two = SearchSection.finalSummary(new org.knetsweep.trial.FinalTest(2, 0.5, 0.01, 0.41, 0.59, "train"));
        assertTrue(two.startsWith("The final networks trained on the training split only "
                + "(knet.sweep.final.refit = train)."), two);
        assertTrue(two.contains("Test accuracy over 2 seeds: mean 50.00%, sd 1.00%, 95% interval [41.00%, 59.00%]"),
                two);
        String refit = SearchSection.finalSummary(new org.knetsweep.trial.FinalTest(1, 0.5, Double.NaN, Double.NaN,
                Double.NaN, "train+validation"));
        assertTrue(refit.contains("(knet.sweep.final.refit = train+validation)") && refit.contains("not a held-out"),
                refit);
        assertTrue(!refit.contains("seeds"), refit);
        // a sweep stored before the setting existed trained on the training split
        assertTrue(SearchSection.finalSummary(org.knetsweep.trial.FinalTest.NONE).contains("training split only"));
    }

    @Test
    void formatsNumbersCompactly() {
        assertEquals("1e-4", Format.scientific(1e-4));
        assertEquals("1e-1", Format.scientific(0.1));
        assertEquals("2.5e-3", Format.scientific(0.0025));
        assertEquals("6.31e-3", Format.scientific(Math.pow(10, -2.2)));
        assertEquals("-2", Format.log10(-2.0));
        assertEquals("-2.312", Format.log10(-2.31249));
        assertEquals("0", Format.log10(-0.0001));
        assertEquals("51.23%", Format.percent(0.51234));
        assertEquals("—", Format.percent(Double.NaN));
        assertEquals("850 ms", Format.duration(850));
        assertEquals("42.3 s", Format.duration(42_300));
        assertEquals("3 min 05 s", Format.duration(185_000));
        assertEquals("1 h 02 min", Format.duration(3_720_000));
        assertEquals("grid_b_1", Format.fileName("grid:b/1"));
        assertEquals("__", Format.fileName(".."));
    }

    @Test
    void varyingSettingsLabelTrials() {
        TrialOutcome bnSmall = SyntheticSweeps.trial("g", Stage.GRID, 0, -2, true, "normal", 1e-4, 1, 0.4, Double.NaN, "h");
        TrialOutcome noBnSmall = SyntheticSweeps.trial("g", Stage.GRID, 1, -2, false, "normal", 1e-4, 1, 0.1, Double.NaN, "h");
        TrialOutcome he = SyntheticSweeps.trial("g", Stage.GRID, 2, -2, true, "he", 1e-4, 1, 0.4, Double.NaN, "h");
        List<Setting> varying = Setting.varying(List.of(bnSmall, noBnSmall));
        assertEquals(List.of(Setting.BATCH_NORM), varying);
        assertEquals("no bn", Setting.label(noBnSmall, varying));
        List<Setting> withHe = Setting.varying(List.of(bnSmall, noBnSmall, he));
        assertEquals(List.of(Setting.BATCH_NORM, Setting.INIT, Setting.SIGMA), withHe);
        assertEquals("bn, normal init, σ=1e-4", Setting.label(bnSmall, withHe));
        assertEquals("bn, he init", Setting.label(he, withHe), "sigma does not apply to He initialization");
        assertEquals("hidden [50, 50], bn, normal init, σ=1e-4, log10 λ=-2, 1 cycle", Setting.describe(bnSmall));
    }

    /** Text must render headless (the JDK needs fontconfig fonts): the title band of a chart has dark pixels. */
    @Test
    void chartsRenderTextHeadless() throws IOException {
        TrialOutcome t = SyntheticSweeps.trial("s", Stage.COARSE, 3, -2.5, true, "he", 0.1, 1, 0.45, Double.NaN, "h");
        XYChart chart = Figures.trialCurves(t).orElseThrow();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Figures.png(chart)));
        assertEquals(Figures.TRIAL_WIDTH * Figures.SCALE, image.getWidth());
        assertEquals(Figures.TRIAL_HEIGHT * Figures.SCALE, image.getHeight());
        int titleBand = 28 * Figures.SCALE;
        int dark = 0;
        for (int y = 0; y < titleBand; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int luminance = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                if (luminance < 3 * 100) dark++;
            }
        }
        assertTrue(dark > 500, "the title was not drawn (" + dark + " dark pixels): are fonts installed (fc-list)?");
    }

    /** One epoch, one point, a flat curve: XChart must still lay the charts out. */
    @Test
    void degenerateDataStillRenders() throws IOException {
        TrialOutcome t = SyntheticSweeps.trial("s", Stage.COARSE, 0, -2, true, "he", 0.1, 1, 0.4, Double.NaN, "h");
        TrialOutcome oneEpoch = TrialOutcome.builder(t.sweepId(), t.stage(), t.trialId(), 0).lambda(-2, 0.01)
                .hidden(t.hidden()).batchNorm(true).init("he").initSigma(0.1).seed(1).cycles(1).epochs(1).steps(10)
                .status(TrainingStatus.COMPLETE).valAccuracy(0.3).bestValAccuracy(0.3).valCost(2).valLoss(2)
                .trainAccuracy(0.3).trainCost(2).trainLoss(2).wallMs(5).executorId("e").host("h").configHash("h")
                .epochCurve(t.epochCurve().subList(0, 1)).build();
        List<XYChart> charts = List.of(Figures.trialCurves(oneEpoch).orElseThrow(),
                SearchFigures.lambdaSearch(List.of(oneEpoch), List.of(), List.of(), Double.NaN, Double.NaN).orElseThrow(),
                SearchFigures.lambdaSearch(List.of(oneEpoch), List.of(), List.of(), -2, 0.3).orElseThrow(),
                Figures.compare("one", List.of(oneEpoch), x -> "", Figures.Metric.VAL_LOSS, null).orElseThrow(),
                Figures.schedule("s", SyntheticSweeps.CLR, 100, List.of(), ""));
        for (XYChart c : charts) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Figures.png(c)));
            assertEquals(c.getWidth() * Figures.SCALE, image.getWidth(), c.getTitle());
        }
        assertTrue(SearchFigures.lambdaSearch(List.of(SyntheticSweeps.failed("s", Stage.COARSE, 1, -2, "h")), List.of(),
                List.of(), -2, Double.NaN).isEmpty(), "nothing to plot");
    }

    @Test
    void trialWithoutEpochsHasNoCurveFigure() {
        TrialOutcome failed = SyntheticSweeps.failed("s", Stage.COARSE, 1, -2, "h");
        assertEquals(TrainingStatus.FAILED, failed.status());
        assertTrue(Figures.trialCurves(failed).isEmpty());
    }

    @Test
    void storedConfigurationReadsBackUnchanged() {
        LoadedConfig loaded = SyntheticSweeps.config("network.hidden=[50, 30, 20]", "training.step-size=800");
        LoadedConfig back = ConfigLoader.fromRendered(loaded.rendered());
        assertEquals(loaded.rendered(), back.rendered());
        assertEquals(loaded.hash(), back.hash());
        assertEquals(List.of(50, 30, 20), back.run().network().hidden());
        assertEquals(800, back.run().training().stepSize());
        assertEquals(1000, back.run().data().trainSize());
    }

    @Test
    void storedConfigurationOfAnotherVersionIsReadLeniently() {
        LoadedConfig back = ConfigLoader.fromRendered("""
                knet {
                  training { eta-max = 0.05, batch-size = 50 }
                  some-future-section { key = 1 }
                }
                """);
        assertEquals(0.05, back.run().training().etaMax());
        assertEquals(50, back.run().training().batchSize());
        assertEquals(ConfigLoader.defaults().run().training().etaMin(), back.run().training().etaMin(),
                "a missing key takes today's default");
    }

    @Test
    void invalidStoredConfigurationIsAUserError() {
        assertThrows(KnetException.class, () -> ConfigLoader.fromRendered("knet { training { batch-size = ["));
        KnetException e = assertThrows(KnetException.class,
                () -> ConfigLoader.fromRendered("knet.training.eta-min = -1"));
        assertTrue(e.getMessage().contains("knet.training.eta-min"), e.getMessage());
        assertThrows(KnetException.class, () -> ConfigLoader.fromRendered(" "));
    }
}
