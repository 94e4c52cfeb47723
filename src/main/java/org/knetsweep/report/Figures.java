package org.knetsweep.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knetsweep.train.TriangularClr;
import org.knetsweep.trial.EpochMetrics;
import org.knetsweep.trial.TrialOutcome;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, built with XChart from trial data and rendered headless to PNG. Each builder returns an
 * {@link XYChart} (empty when there is nothing to plot); {@link #png} renders one at {@link #SCALE} times its size.
 */
final class Figures {
    static {
        Headless.ensure();
    }

    /** Pixels per chart unit in the PNGs: charts are laid out at their nominal size and drawn at twice the density. */
    static final int SCALE = 2;
    /** Nominal size of the sweep-level figures (lambda search, schedule, grid comparisons). */
    static final int WIDTH = 800;
    static final int HEIGHT = 480;
    /** Nominal size of a per-trial figure. */
    static final int TRIAL_WIDTH = 720;
    static final int TRIAL_HEIGHT = 420;
    /** Nominal size of one tile of the small-multiples overview, and its columns. */
    static final int TILE_WIDTH = 300;
    static final int TILE_HEIGHT = 200;
    static final int OVERVIEW_COLUMNS = 4;

    /** Matplotlib's "tab10" colours. */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};
    static final Color INK = new Color(0x222222);
    private static final BasicStroke SOLID = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {7f, 4f}, 0f);
    private static final BasicStroke THIN = new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke THIN_DASHED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_ROUND, 10f, new float[] {5f, 3f}, 0f);
    private static final String SANS = Font.SANS_SERIF;

    private Figures() {
    }

    /** A per-epoch quantity of an epoch curve. */
    enum Metric {
        TRAIN_COST("training cost", EpochMetrics::trainCost),
        VAL_COST("validation cost", EpochMetrics::valCost),
        TRAIN_LOSS("training loss", EpochMetrics::trainLoss),
        VAL_LOSS("validation loss", EpochMetrics::valLoss),
        TRAIN_ACCURACY("training accuracy (%)", m -> 100 * m.trainAccuracy()),
        VAL_ACCURACY("validation accuracy (%)", m -> 100 * m.valAccuracy());

        final String label;
        final ToDoubleFunction<EpochMetrics> value;

        Metric(String label, ToDoubleFunction<EpochMetrics> value) {
            this.label = label;
            this.value = value;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Charts.

    /**
     * Training and validation cost and loss per epoch of one trial, titled with its id and settings; empty when the
     * trial has no finite epoch metrics (a failed trial).
     */
    static Optional<XYChart> trialCurves(TrialOutcome t) {
        XYChart c = chart(TRIAL_WIDTH, TRIAL_HEIGHT, t.trialId() + " — " + Setting.describe(t), "epoch",
                "cost / loss");
        c.getStyler().setXAxisDecimalPattern("#,##0.#");
        c.getStyler().setYAxisDecimalPattern("0.0#");
        boolean any = false;
        any |= curve(c, "training cost", t, Metric.TRAIN_COST, PALETTE[0], SOLID);
        any |= curve(c, "validation cost", t, Metric.VAL_COST, PALETTE[0], DASHED);
        any |= curve(c, "training loss", t, Metric.TRAIN_LOSS, PALETTE[1], SOLID);
        any |= curve(c, "validation loss", t, Metric.VAL_LOSS, PALETTE[1], DASHED);
        return any ? Optional.of(c) : Optional.empty();
    }

    /**
     * One tile of the overview: training (dashed) and validation (solid) loss of a trial, no legend; {@code yMin},
     * {@code yMax} fix a common range (NaN: automatic).
     */
    static Optional<XYChart> tile(TrialOutcome t, String title, double yMin, double yMax) {
        XYChart c = chart(TILE_WIDTH, TILE_HEIGHT, title, null, null);
        XYStyler s = c.getStyler();
        s.setLegendVisible(false);
        s.setChartTitleFont(new Font(SANS, Font.BOLD, 11));
        s.setAxisTickLabelsFont(new Font(SANS, Font.PLAIN, 9));
        s.setChartPadding(6);
        s.setXAxisDecimalPattern("#,##0.#");
        s.setYAxisDecimalPattern("0.0#");
        fitTitle(c, 9);
        if (Double.isFinite(yMin) && Double.isFinite(yMax) && yMax > yMin) {
            s.setYAxisMin(yMin);
            s.setYAxisMax(yMax);
        }
        boolean any = curve(c, "training loss", t, Metric.TRAIN_LOSS, PALETTE[1], THIN_DASHED);
        any |= curve(c, "validation loss", t, Metric.VAL_LOSS, PALETTE[0], THIN);
        return any ? Optional.of(c) : Optional.empty();
    }

    /**
     * The triangular cyclical learning rate over {@code totalSteps} update steps (its corners, where it is exactly
     * linear in between), with the rates a trial recorded at its epoch ends as markers (none when empty).
     */
    static XYChart schedule(String title, TriangularClr clr, long totalSteps, List<EpochMetrics> recorded,
                            String recordedLabel) {
        XYChart c = chart(WIDTH, HEIGHT, title, "update step", "learning rate η");
        c.getStyler().setXAxisDecimalPattern("#,##0");
        c.getStyler().setYAxisDecimalPattern("0.0###");
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (long step = 0; step < totalSteps; step += clr.stepSize()) {
            xs.add((double) step);
            ys.add(clr.at(step));
        }
        xs.add((double) totalSteps);
        ys.add(clr.at(totalSteps)); // the end of a full cycle: back at eta_min
        XYSeries line = c.addSeries("η(t), n_s = " + clr.stepSize(), xs, ys);
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(PALETTE[0]);
        line.setLineStyle(SOLID);
        List<Double> rx = new ArrayList<>();
        List<Double> ry = new ArrayList<>();
        for (EpochMetrics m : recorded) {
            if (Double.isFinite(m.learningRate()) && m.step() > 0) {
                rx.add((double) (m.step() - 1)); // the rate of the epoch's last step, 0-based
                ry.add(m.learningRate());
            }
        }
        if (!rx.isEmpty()) {
            XYSeries dots = c.addSeries(recordedLabel, rx, ry);
            dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            dots.setMarker(SeriesMarkers.CIRCLE);
            dots.setMarkerColor(PALETTE[1]);
        }
        return c;
    }

    /**
     * One curve of {@code metric} per trial, labelled by {@code label}; with {@code withTraining} also the matching
     * training curve, dashed, in the same colour. Empty when no trial has a finite value.
     */
    static Optional<XYChart> compare(String title, List<TrialOutcome> trials, Function<TrialOutcome, String> label,
                                     Metric metric, Metric training) {
        XYChart c = chart(WIDTH, HEIGHT, title, "epoch", training == null ? metric.label
                : metric.label.replace("validation ", "") + " (solid: validation, dashed: training)");
        c.getStyler().setXAxisDecimalPattern("#,##0.#");
        c.getStyler().setYAxisDecimalPattern("0.0#");
        Set<String> names = new HashSet<>();
        boolean any = false;
        for (int i = 0; i < trials.size(); i++) {
            TrialOutcome t = trials.get(i);
            Color color = PALETTE[i % PALETTE.length];
            BasicStroke stroke = i < PALETTE.length ? SOLID : DASHED;
            String name = unique(names, label.apply(t).isEmpty() ? t.trialId() : label.apply(t), t.trialId());
            any |= curve(c, name, t, metric, color, stroke);
            if (training != null) any |= curve(c, unique(names, name + " (training)", t.trialId()), t, training,
                    color, DASHED);
        }
        return any ? Optional.of(c) : Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Rendering.

    /** The chart as a PNG of {@link #SCALE} times its nominal size. */
    static byte[] png(XYChart chart) {
        return encode(render(chart));
    }

    /**
     * Small multiples: the tiles (all of one size) in rows of {@code columns}, as one PNG of {@link #SCALE} times
     * their combined nominal size; empty cells of the last row stay white.
     */
    static byte[] png(List<XYChart> tiles, int columns) {
        if (tiles.isEmpty()) throw new IllegalArgumentException("no tiles");
        int w = tiles.get(0).getWidth();
        int h = tiles.get(0).getHeight();
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        BufferedImage image = new BufferedImage(cols * w * SCALE, rows * h * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(SCALE, SCALE);
            for (int i = 0; i < tiles.size(); i++) {
                Graphics2D cell = (Graphics2D) g.create((i % cols) * w, (i / cols) * h, w, h);
                try {
                    tiles.get(i).paint(cell, w, h);
                } finally {
                    cell.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return encode(image);
    }

    private static BufferedImage render(XYChart chart) {
        int w = chart.getWidth();
        int h = chart.getHeight();
        BufferedImage image = new BufferedImage(w * SCALE, h * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(SCALE, SCALE);
            chart.paint(g, w, h);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer in ImageIO");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers.

    /** A white chart with light grid lines, the legend below the plot, and the title shrunk to fit the width. */
    static XYChart chart(int w, int h, String title, String xTitle, String yTitle) {
        XYChartBuilder builder = new XYChartBuilder().width(w).height(h).title(title);
        if (xTitle != null) builder.xAxisTitle(xTitle);
        if (yTitle != null) builder.yAxisTitle(yTitle);
        XYChart c = builder.build();
        XYStyler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xbbbbbb));
        s.setPlotGridLinesColor(new Color(0xe5e5e5));
        s.setChartFontColor(INK);
        s.setAxisTickLabelsColor(new Color(0x444444));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(SANS, Font.BOLD, 14));
        s.setAxisTitleFont(new Font(SANS, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(SANS, Font.PLAIN, 11));
        s.setAxisTitlesVisible(xTitle != null || yTitle != null);
        s.setLegendFont(new Font(SANS, Font.PLAIN, 11));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendSeriesLineLength(28);
        s.setMarkerSize(8);
        s.setAntiAlias(true);
        s.setSeriesColors(PALETTE);
        s.setToolTipsEnabled(false);
        s.setPlotMargin(6);
        fitTitle(c, 10);
        return c;
    }

    /** Shrinks the title font (to {@code minSize} at least) until the title fits the chart's width. */
    private static void fitTitle(XYChart c, int minSize) {
        String title = c.getTitle();
        if (title == null || title.isEmpty()) return;
        Font font = c.getStyler().getChartTitleFont();
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int available = c.getWidth() - 2 * c.getStyler().getChartPadding() - 8;
            while (font.getSize() > minSize) {
                FontMetrics fm = g.getFontMetrics(font);
                if (fm.stringWidth(title) <= available) break;
                font = font.deriveFont((float) (font.getSize() - 1));
            }
        } finally {
            g.dispose();
        }
        c.getStyler().setChartTitleFont(font);
    }

    /** Adds the finite points of one metric of a trial as a line; false when there are none. */
    private static boolean curve(XYChart c, String name, TrialOutcome t, Metric metric, Color color,
                                 BasicStroke stroke) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (EpochMetrics m : t.epochCurve()) {
            double y = metric.value.applyAsDouble(m);
            if (Double.isFinite(y)) {
                xs.add((double) m.epoch());
                ys.add(y);
            }
        }
        if (xs.isEmpty()) return false;
        XYSeries s = c.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        s.setMarkerColor(color);
        s.setMarker(xs.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return true;
    }

    /** {@code name}, or with {@code suffix} appended when a series of that name exists (XChart needs unique names). */
    private static String unique(Set<String> names, String name, String suffix) {
        String n = name;
        if (names.contains(n)) n = name + " (" + suffix + ")";
        for (int i = 2; names.contains(n); i++) n = name + " (" + suffix + ", " + i + ")";
        names.add(n);
        return n;
    }

    /** Sets AWT's headless mode before the first AWT class loads (reports never open a window). */
    static final class Headless {
        private Headless() {
        }

        static void ensure() {
            if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        }
    }
}
