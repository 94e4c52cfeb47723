package org.knetsweep.spark;

import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.knetsweep.KnetException;

/** Spark's numeric values as doubles: a row's field or an array's element, whatever its numeric type. */
final class SqlNumbers {
    private SqlNumbers() {
    }

    /**
     * Value {@code i} of a row or an array ({@link SpecializedGetters}) of numeric type {@code t}.
     *
     * @param what names the container in the error for a type that is not numeric, e.g. "an array"
     */
    static double get(SpecializedGetters g, int i, DataType t, String what) {
        if (t instanceof ByteType) return g.getByte(i);
        if (t instanceof ShortType) return g.getShort(i);
        if (t instanceof IntegerType) return g.getInt(i);
        if (t instanceof LongType) return g.getLong(i);
        if (t instanceof FloatType) return g.getFloat(i);
        if (t instanceof DoubleType) return g.getDouble(i);
        if (t instanceof DecimalType d) return g.getDecimal(i, d.precision(), d.scale()).toDouble();
        throw new KnetException(what + " of " + t.simpleString() + " is not supported");
    }
}
