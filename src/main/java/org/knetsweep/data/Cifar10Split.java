package org.knetsweep.data;

import java.util.List;

/**
 * CIFAR-10 split for one training run: train and validation images drawn (seeded) from the five training batches,
 * the test batch, the standardizer fitted on the training images, and the class names.
 */
public record Cifar10Split(ImageSet train, ImageSet validation, ImageSet test, Standardizer standardizer,
                           List<String> labelNames) {
    public int features() {
        return standardizer.features();
    }

    /**
     * The split of a refit ({@code knet.sweep.final.refit = train+validation}): the training images followed by the
     * validation images as the training set, the standardizer fitted on that union; the validation set stays as it
     * is, so metrics on it are no longer a held-out measure.
     */
    public Cifar10Split refit() {
        ImageSet all = train.concat(validation);
        return new Cifar10Split(all, validation, test, Standardizer.fit(all, features()), labelNames);
    }
}
