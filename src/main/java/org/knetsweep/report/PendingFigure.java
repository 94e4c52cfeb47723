package org.knetsweep.report;

import java.util.List;
import java.util.function.Supplier;
import org.knetsweep.report.ReportDocument.Figure;
import org.knetsweep.report.ReportDocument.Gallery;

/** A figure of the report waiting to be rendered: its file name, caption, nominal size and renderer. */
record PendingFigure(String file, String caption, int width, int height, Supplier<byte[]> render) {
    /** How the document shows it. */
    Figure figure() {
        return new Figure(file, caption, width, height);
    }

    /** Adds the figure to those to render and shows it alone in the document. */
    static void show(ReportDocument doc, List<PendingFigure> figures, PendingFigure f, boolean small) {
        figures.add(f);
        doc.add(new Gallery(List.of(f.figure()), small));
    }

    /** Numbers the figures in the order the document shows them: "Figure 1. ", "Figure 2. ", ... */
    static final class Counter {
        private int n;

        String next() {
            return "Figure " + (++n) + ". ";
        }
    }
}
