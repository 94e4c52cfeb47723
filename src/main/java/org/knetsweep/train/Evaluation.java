package org.knetsweep.train;

/** Loss (mean cross-entropy), cost (loss + L2 term) and accuracy of a network on a set of images. */
public record Evaluation(double loss, double cost, double accuracy) {
}
