package org.knetsweep.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.knetsweep.data.ImageSet;

/** Test fixture: a Parquet table of images (id, label, image) written from an image set, e.g. a binary batch. */
final class ImageTables {
    private ImageTables() {
    }

    /**
     * Writes {@code images} to {@code dir} in {@code files} files: image as binary of 3072 bytes or, with
     * {@code asArray}, as array&lt;int&gt;.
     */
    static void write(SparkSession spark, ImageSet images, Path dir, boolean asArray, int files) {
        StructType schema = new StructType()
                .add("id", DataTypes.IntegerType, false)
                .add("label", DataTypes.IntegerType, false)
                .add("image", asArray ? DataTypes.createArrayType(DataTypes.IntegerType, false) : DataTypes.BinaryType,
                        false);
        List<Row> rows = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            byte[] px = java.util.Arrays.copyOfRange(images.pixels(), i * 3072, (i + 1) * 3072);
            Object image = px;
            if (asArray) {
                List<Integer> v = new ArrayList<>(3072);
                for (byte b : px) v.add(b & 0xFF);
                image = scala.jdk.javaapi.CollectionConverters.asScala(v).toSeq();
            }
            rows.add(RowFactory.create(i, images.label(i), image));
        }
        spark.createDataFrame(rows, schema).repartition(files).sortWithinPartitions("id").write().parquet(dir.toString());
    }
}
