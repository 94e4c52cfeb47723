package org.knetsweep.data;

import java.util.List;

/**
 * A labelled table as loaded, before the seeded split: the training rows, the validation rows when a validation
 * table is given (else null: they are held out of train), the test rows (empty without a test table), the class
 * names (index = class; from the training labels, sorted) and the image shape ([] when the rows are not images).
 */
public record TableData(ImageSet train, ImageSet validation, ImageSet test, List<String> labelNames,
                        List<Integer> imageShape) {
    public TableData {
        labelNames = List.copyOf(labelNames);
        imageShape = List.copyOf(imageShape);
    }
}
