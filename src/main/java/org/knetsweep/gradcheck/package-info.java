/**
 * The gradient check: analytical against centered-difference gradients of the network, per named tensor (a top-level
 * package of its own: it uses both {@code nn} and {@code train}, which must not import each other).
 */
package org.knetsweep.gradcheck;
