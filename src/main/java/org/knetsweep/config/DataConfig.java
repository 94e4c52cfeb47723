package org.knetsweep.config;

import java.io.Serializable;

/**
 * Where the data comes from and how it is split: CIFAR-10's binary batches (the default) or a labelled Parquet table.
 *
 * @param format         CIFAR10 (source, url, md5 used) or PARQUET ({@code table} used)
 * @param source         "auto" (the CIFAR10_ARCHIVE environment variable, else the cached copy in cacheDir, else a
 *                       download from url), or a path to a directory of .bin files or to a .tar.gz archive
 * @param url            the official archive's address, used by "auto" when nothing local is found
 * @param md5            expected md5 of the downloaded archive (empty: not checked)
 * @param cacheDir       folder for the download and the extracted files
 * @param validationSize rows held out of the training rows (50,000 for CIFAR-10) for validation (seeded); not used
 *                       with a validation table
 * @param trainLimit     use at most this many training rows (0: all)
 * @param featureLimit   use only the first this many input features (0: all)
 * @param table          the Parquet table ({@link TableConfig#NONE} for CIFAR-10)
 */
public record DataConfig(String source, String url, String md5, String cacheDir, int validationSize, int trainLimit,
                         int featureLimit, DataFormat format, TableConfig table) implements Serializable {
    public static final int IMAGES_IN_TRAIN_BATCHES = 50_000;
    public static final int FEATURES = 3072;

    public DataConfig {
        if (format == null) throw Checks.invalid("knet.data.format", null, "\"cifar10\" or \"parquet\"");
        if (table == null) table = TableConfig.NONE;
        if (source == null || source.isBlank()) throw Checks.invalid("knet.data.source", "\"\"", "auto, a directory or a .tar.gz archive");
        Checks.nonNegative("knet.data.validation-size", validationSize);
        Checks.nonNegative("knet.data.train-limit", trainLimit);
        Checks.nonNegative("knet.data.feature-limit", featureLimit);
        if (format == DataFormat.CIFAR10) {
            if (validationSize >= IMAGES_IN_TRAIN_BATCHES)
                throw Checks.invalid("knet.data.validation-size", validationSize, "fewer than 50000 images");
            if (featureLimit > FEATURES) throw Checks.invalid("knet.data.feature-limit", featureLimit, "at most 3072");
        } else if (table.train().isEmpty()) {
            throw Checks.invalid("knet.data.train", "\"\"", "the URI of the training table (knet.data.format = "
                    + "\"parquet\")");
        }
    }

    /** CIFAR-10 from {@code source}. */
    public DataConfig(String source, String url, String md5, String cacheDir, int validationSize, int trainLimit,
                      int featureLimit) {
        this(source, url, md5, cacheDir, validationSize, trainLimit, featureLimit, DataFormat.CIFAR10,
                TableConfig.NONE);
    }

    /** True for a Parquet table. */
    public boolean isTable() {
        return format == DataFormat.PARQUET;
    }

    /** Number of input features actually used (CIFAR-10; a table's width is known once it is read). */
    public int features() {
        return featureLimit == 0 ? FEATURES : featureLimit;
    }

    /**
     * Number of training rows after the validation split and the limit; for a table, whose size is known only once
     * it is read, the limit (0 when there is none).
     */
    public int trainSize() {
        if (isTable()) return trainLimit;
        int all = IMAGES_IN_TRAIN_BATCHES - validationSize;
        return trainLimit == 0 ? all : Math.min(all, trainLimit);
    }
}
