package org.knetsweep.data;

import java.util.List;

/**
 * CIFAR-10 as stored on disk, before any split: the images of the five training batches (concatenated in batch
 * order, 50,000 for the real data set), the test batch, and the ten class names.
 *
 * @param train      the records of data_batch_1.bin .. data_batch_5.bin, in file order
 * @param test       the records of test_batch.bin
 * @param labelNames class names indexed by label (from batches.meta.txt, else the standard names)
 */
public record Cifar10Raw(ImageSet train, ImageSet test, List<String> labelNames) {
    public Cifar10Raw {
        labelNames = List.copyOf(labelNames);
    }
}
