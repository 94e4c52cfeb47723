package org.knetsweep.config;

import java.io.Serializable;
import java.util.List;

/**
 * A labelled Parquet table as the data ({@code knet.data.format = "parquet"}; docs/data.md).
 *
 * @param train          URI of the training table (a Parquet file or a folder of them, on any Hadoop file system)
 * @param test           URI of the test table ("": none, and the test metrics are absent)
 * @param validation     URI of the validation table ("": {@code validation-size} rows held out of train)
 * @param labelColumn    the label column: int, long or string (strings map to classes in sorted order)
 * @param featuresColumn the features column: binary (bytes 0..255), array of float, double or int, or a Spark ML
 *                       vector (dense or sparse)
 * @param imageShape     [channels, height, width] of a binary column's rows when they are images ([]: not images)
 * @param orderColumn    a column whose values order the rows ("": file path, then position in the file)
 */
public record TableConfig(String train, String test, String validation, String labelColumn, String featuresColumn,
                          List<Integer> imageShape, String orderColumn) implements Serializable {
    /** The defaults of reference.conf (no table). */
    public static final TableConfig NONE = new TableConfig("", "", "", "label", "features", List.of(), "");

    public TableConfig {
        train = train == null ? "" : train.strip();
        test = test == null ? "" : test.strip();
        validation = validation == null ? "" : validation.strip();
        orderColumn = orderColumn == null ? "" : orderColumn.strip();
        if (labelColumn == null || labelColumn.isBlank())
            throw Checks.invalid("knet.data.label-column", "\"\"", "the name of the label column");
        if (featuresColumn == null || featuresColumn.isBlank())
            throw Checks.invalid("knet.data.features-column", "\"\"", "the name of the features column");
        if (labelColumn.strip().equals(featuresColumn.strip()))
            throw Checks.invalid("knet.data.features-column", "\"" + featuresColumn + "\"",
                    "a column other than knet.data.label-column");
        imageShape = List.copyOf(imageShape);
        if (!imageShape.isEmpty() && (imageShape.size() != 3 || imageShape.stream().anyMatch(d -> d <= 0)))
            throw Checks.invalid("knet.data.image-shape", imageShape, "[] or [channels, height, width], all positive");
    }

    /** The image shape's number of values (0 without a shape). */
    public int imageSize() {
        return imageShape.isEmpty() ? 0 : imageShape.get(0) * imageShape.get(1) * imageShape.get(2);
    }
}
