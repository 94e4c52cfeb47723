package org.knetsweep.config;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Reads keys relative to one section, e.g. {@code section("knet.data").integer("train-limit")}. */
record ConfigSection(ConfigReader reader, String prefix) {
    private String path(String key) {
        return prefix + "." + key;
    }

    int integer(String key) {
        return reader.integer(path(key));
    }

    long longInt(String key) {
        return reader.longInt(path(key));
    }

    double number(String key) {
        return reader.number(path(key));
    }

    boolean bool(String key) {
        return reader.bool(path(key));
    }

    String string(String key) {
        return reader.string(path(key));
    }

    <E> E choice(String key, BiFunction<String, String, E> parser, Function<E, String> label) {
        return reader.choice(path(key), parser, label);
    }

    List<Integer> intList(String key) {
        return reader.intList(path(key));
    }

    List<Long> longList(String key) {
        return reader.longList(path(key));
    }

    List<String> stringList(String key) {
        return reader.stringList(path(key));
    }

    List<Double> doubleList(String key) {
        return reader.doubleList(path(key));
    }

    List<Boolean> boolList(String key) {
        return reader.boolList(path(key));
    }

    /** The search space under this section's {@code key} (empty when the object is empty). */
    SearchSpace space(String key) {
        return reader.space(path(key));
    }

    /** Leaves {@code key} out of the rendered configuration while it has {@code value} (see ConfigReader). */
    void renderOnlyIfNot(String key, Object value) {
        reader.renderOnlyIfNot(path(key), value);
    }

    /** Leaves {@code key} out of the rendered configuration (see ConfigReader#unrender). */
    void unrender(String key) {
        reader.unrender(path(key));
    }

    List<List<Integer>> intListList(String key) {
        return reader.intListList(path(key));
    }
}
