package org.knetsweep.config;

import java.io.Serializable;
import java.util.List;

/**
 * Architecture of a k-layer network: hidden.size() + 1 dense layers, ReLU on the hidden ones, softmax output.
 *
 * @param hidden    sizes of the hidden layers, e.g. [50, 50] for the 3-layer net
 * @param batchNorm batch normalization on every hidden layer
 * @param init      HE or NORMAL
 * @param initSigma standard deviation of NORMAL initialization
 * @param bnAlpha   decay of the batch-norm moving averages used at test time
 * @param bnEpsilon added to the batch variance before the square root
 */
public record NetworkConfig(List<Integer> hidden, boolean batchNorm, InitScheme init, double initSigma,
                            double bnAlpha, double bnEpsilon) implements Serializable {
    public NetworkConfig {
        if (hidden == null || hidden.isEmpty())
            throw Checks.invalid("knet.network.hidden", "[]", "a non-empty list of positive layer sizes");
        for (Integer h : hidden) {
            if (h == null || h <= 0) throw Checks.invalid("knet.network.hidden", hidden, "a non-empty list of positive layer sizes");
        }
        hidden = List.copyOf(hidden);
        if (init == null) throw Checks.invalid("knet.network.init", null, "he or normal");
        Checks.positive("knet.network.init-sigma", initSigma);
        Checks.fraction("knet.network.bn-alpha", bnAlpha);
        Checks.positive("knet.network.bn-epsilon", bnEpsilon);
    }

    /** Number of dense layers k. */
    public int layers() {
        return hidden.size() + 1;
    }

    public NetworkConfig withBatchNorm(boolean on) {
        return new NetworkConfig(hidden, on, init, initSigma, bnAlpha, bnEpsilon);
    }

    public NetworkConfig withHidden(List<Integer> sizes) {
        return new NetworkConfig(sizes, batchNorm, init, initSigma, bnAlpha, bnEpsilon);
    }

    public NetworkConfig withInit(InitScheme scheme, double sigma) {
        return new NetworkConfig(hidden, batchNorm, scheme, sigma, bnAlpha, bnEpsilon);
    }
}
