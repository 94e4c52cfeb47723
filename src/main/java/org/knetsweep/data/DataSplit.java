package org.knetsweep.data;

import java.util.List;

/**
 * The data of one training run, from any source: train and validation rows (drawn, seeded, from the training rows,
 * or validation from its own table), the test rows (none when the source has no test set), the standardizer fitted
 * on the training rows, the class names (their number is the network's output width) and the shape of an image
 * row ([channels, height, width]; empty for rows that are not images).
 */
public record DataSplit(ImageSet train, ImageSet validation, ImageSet test, Standardizer standardizer,
                        List<String> labelNames, List<Integer> imageShape) {
    /** CIFAR-10's image shape. */
    public static final List<Integer> CIFAR10_SHAPE = List.of(3, 32, 32);

    public DataSplit {
        labelNames = List.copyOf(labelNames);
        imageShape = List.copyOf(imageShape);
    }

    /** A split without an image shape. */
    public DataSplit(ImageSet train, ImageSet validation, ImageSet test, Standardizer standardizer,
                     List<String> labelNames) {
        this(train, validation, test, standardizer, labelNames, List.of());
    }

    /** The network's input width: the standardized features. */
    public int features() {
        return standardizer.features();
    }

    /** The network's output width. */
    public int classes() {
        return labelNames.size();
    }

    /** True when the source has test rows (else test metrics are absent). */
    public boolean hasTest() {
        return test.size() > 0;
    }

    /**
     * The split of a refit ({@code knet.sweep.final.refit = train+validation}): the training rows followed by the
     * validation rows as the training set, the standardizer fitted on that union; the validation set stays as it
     * is, so metrics on it are no longer a held-out measure.
     */
    public DataSplit refit() {
        ImageSet all = train.concat(validation);
        return new DataSplit(all, validation, test, Standardizer.fit(all, features()), labelNames, imageShape);
    }
}
