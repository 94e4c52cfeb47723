package org.knetsweep.search;

/**
 * One dimension of the encoded space, as the driver hands it over.
 *
 * <ul>
 *   <li>{@code CONTINUOUS}: a coordinate in [0, 1], uniform on the dimension's own scale (the driver maps log scales);
 *       {@code levels} is not used.</li>
 *   <li>{@code INTEGER}: a coordinate in [0, 1] with {@code levels} equally spaced integer values, value k at
 *       u = (k + 0.5) / levels. The sampler treats it as discrete: kernels at least half a level wide, and every
 *       returned coordinate snapped to a level centre.</li>
 *   <li>{@code CATEGORICAL}: a category index 0..levels-1, stored as a double.</li>
 * </ul>
 *
 * @param name   the parameter's name (for messages only)
 * @param type   how the coordinate is encoded
 * @param levels number of integer values or categories (at least 1); ignored for {@code CONTINUOUS}
 */
public record EncodedDim(String name, Type type, int levels) {
    /** How a coordinate is encoded. */
    public enum Type { CONTINUOUS, INTEGER, CATEGORICAL }

    public EncodedDim {
        if (type == null) throw new IllegalArgumentException("dimension " + name + " has no type");
        if (type != Type.CONTINUOUS && levels < 1) {
            throw new IllegalArgumentException(
                    "dimension " + name + " (" + type + ") needs at least 1 level, got " + levels);
        }
    }

    /** A continuous dimension. */
    public static EncodedDim continuous(String name) {
        return new EncodedDim(name, Type.CONTINUOUS, 0);
    }

    /** An integer dimension of {@code levels} values. */
    public static EncodedDim integer(String name, int levels) {
        return new EncodedDim(name, Type.INTEGER, levels);
    }

    /** A categorical dimension of {@code levels} categories. */
    public static EncodedDim categorical(String name, int levels) {
        return new EncodedDim(name, Type.CATEGORICAL, levels);
    }

    /** The coordinate of integer level k, (k + 0.5) / levels. */
    public double levelCentre(int k) {
        return (k + 0.5) / levels;
    }

    /** The level whose cell [k / levels, (k + 1) / levels) holds u (u clamped to [0, 1]). */
    public int levelOf(double u) {
        int k = (int) StrictMath.floor(u * levels);
        return Math.max(0, Math.min(levels - 1, k));
    }

    /** u snapped to its level's centre ({@code INTEGER}), or u itself ({@code CONTINUOUS}). */
    double snap(double u) {
        return type == Type.INTEGER ? levelCentre(levelOf(u)) : u;
    }
}
