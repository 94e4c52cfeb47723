package org.knetsweep.config;

import java.io.Serializable;

/**
 * Where CIFAR-10 comes from and how it is split.
 *
 * @param source         "auto" (the CIFAR10_ARCHIVE environment variable, else the cached copy in cacheDir, else a
 *                       download from url), or a path to a directory of .bin files or to a .tar.gz archive
 * @param url            the official archive's address, used by "auto" when nothing local is found
 * @param md5            expected md5 of the downloaded archive (empty: not checked)
 * @param cacheDir       folder for the download and the extracted files
 * @param validationSize images held out of the 50,000 training images for validation (seeded)
 * @param trainLimit     use at most this many training images (0: all)
 * @param featureLimit   use only the first this many of the 3,072 input features (0: all)
 */
public record DataConfig(String source, String url, String md5, String cacheDir, int validationSize, int trainLimit,
                         int featureLimit) implements Serializable {
    public static final int IMAGES_IN_TRAIN_BATCHES = 50_000;
    public static final int FEATURES = 3072;

    public DataConfig {
        if (source == null || source.isBlank()) throw Checks.invalid("knet.data.source", "\"\"", "auto, a directory or a .tar.gz archive");
        Checks.nonNegative("knet.data.validation-size", validationSize);
        if (validationSize >= IMAGES_IN_TRAIN_BATCHES)
            throw Checks.invalid("knet.data.validation-size", validationSize, "fewer than 50000 images");
        Checks.nonNegative("knet.data.train-limit", trainLimit);
        Checks.nonNegative("knet.data.feature-limit", featureLimit);
        if (featureLimit > FEATURES) throw Checks.invalid("knet.data.feature-limit", featureLimit, "at most 3072");
    }

    /** Number of input features actually used. */
    public int features() {
        return featureLimit == 0 ? FEATURES : featureLimit;
    }

    /** Number of training images after the validation split and the limit. */
    public int trainSize() {
        int all = IMAGES_IN_TRAIN_BATCHES - validationSize;
        return trainLimit == 0 ? all : Math.min(all, trainLimit);
    }
}
