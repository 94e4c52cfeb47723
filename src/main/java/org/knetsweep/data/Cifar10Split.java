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
}
