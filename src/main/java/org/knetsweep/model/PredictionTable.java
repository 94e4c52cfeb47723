package org.knetsweep.model;

import java.util.List;

/**
 * Predictions with their keys, as {@code knet predict} shows or writes them: each row is the key values (one per
 * key name), then the predicted label (Integer), the predicted class (String) and the probabilities (double[], one
 * per class).
 *
 * @param keyNames the key columns' names, in row order
 * @param rows     one row per image
 * @param classes  the class names, in label order
 */
public record PredictionTable(List<String> keyNames, List<Object[]> rows, List<String> classes) {
}
