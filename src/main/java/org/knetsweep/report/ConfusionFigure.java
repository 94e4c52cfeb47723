package org.knetsweep.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A confusion matrix as a PNG heat map (rows: true class, columns: predicted class; each cell shaded by its share
 * of the row and labelled with its count), drawn headless with Java2D and encoded as the report's figures are.
 */
public final class ConfusionFigure {
    static {
        Figures.Headless.ensure();
    }

    private static final int CELL = 56;
    private static final int LEFT = 110;
    private static final int TOP = 70;
    private static final Color INK = new Color(0x222222);
    private static final Color HIGH = new Color(0x1f77b4);

    private ConfusionFigure() {
    }

    /** The PNG bytes of {@code confusion[true][predicted]} with the class names and a title. */
    public static byte[] png(long[][] confusion, List<String> names, String title) {
        int c = confusion.length;
        int w = LEFT + c * CELL + 20;
        int h = TOP + c * CELL + 90;
        BufferedImage image = new BufferedImage(w * Figures.SCALE, h * Figures.SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(Figures.SCALE, Figures.SCALE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, 10, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("predicted class", LEFT + c * CELL / 2 - 40, h - 12);
            g.drawString("true class (rows)", 10, 44);
            for (int i = 0; i < c; i++) {
                long row = 0;
                for (long v : confusion[i]) row += v;
                for (int j = 0; j < c; j++) {
                    double share = row == 0 ? 0 : (double) confusion[i][j] / row;
                    g.setColor(blend(share));
                    g.fillRect(LEFT + j * CELL, TOP + i * CELL, CELL, CELL);
                    g.setColor(share > 0.5 ? Color.WHITE : INK);
                    centered(g, Long.toString(confusion[i][j]), LEFT + j * CELL + CELL / 2, TOP + i * CELL + CELL / 2 + 4);
                }
                g.setColor(INK);
                g.drawString(name(names, i), 10, TOP + i * CELL + CELL / 2 + 4);
                Graphics2D rotated = (Graphics2D) g.create();
                rotated.translate(LEFT + i * CELL + CELL / 2 + 4, TOP + c * CELL + 8);
                rotated.rotate(Math.PI / 4);
                rotated.drawString(name(names, i), 0, 0);
                rotated.dispose();
            }
            g.setColor(new Color(0xcccccc));
            g.drawRect(LEFT, TOP, c * CELL, c * CELL);
        } finally {
            g.dispose();
        }
        return Figures.encode(image);
    }

    private static String name(List<String> names, int i) {
        String n = i < names.size() ? names.get(i) : Integer.toString(i);
        return n.length() > 14 ? n.substring(0, 13) + "." : n;
    }

    private static Color blend(double share) {
        double t = Math.max(0, Math.min(1, share));
        return new Color((int) Math.round(255 + t * (HIGH.getRed() - 255)),
                (int) Math.round(255 + t * (HIGH.getGreen() - 255)), (int) Math.round(255 + t * (HIGH.getBlue() - 255)));
    }

    private static void centered(Graphics2D g, String text, int x, int y) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, x - m.stringWidth(text) / 2, y);
    }
}
