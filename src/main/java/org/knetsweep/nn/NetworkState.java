package org.knetsweep.nn;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knetsweep.config.Precision;

/**
 * A snapshot of everything a {@link Network} carries from one training step to the next: its parameters, its
 * batch-norm moving averages and whether those have been set. Values are held as doubles; a float32 network's values
 * convert to double and back exactly, so restoring a snapshot gives the same network bit for bit.
 *
 * @param tensors tensors by name (W1, b1, gamma1, ..., mu1, var1, ...), each row-major
 */
public record NetworkState(Precision precision, boolean averagesInitialized, Map<String, double[]> tensors)
        implements Serializable {
    public NetworkState {
        Map<String, double[]> copy = new LinkedHashMap<>();
        tensors.forEach((k, v) -> copy.put(k, v.clone()));
        tensors = java.util.Collections.unmodifiableMap(copy);
    }

    /** Element-wise equality of the tensors (records compare arrays by identity). */
    public boolean sameAs(NetworkState other) {
        if (precision != other.precision || averagesInitialized != other.averagesInitialized) return false;
        if (!tensors.keySet().equals(other.tensors.keySet())) return false;
        for (var e : tensors.entrySet()) if (!Arrays.equals(e.getValue(), other.tensors.get(e.getKey()))) return false;
        return true;
    }
}
