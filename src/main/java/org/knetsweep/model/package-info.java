/**
 * Trained networks as files: the model artifact (a JSON manifest plus raw little-endian arrays, see
 * docs/model-format.md), saving it from a sweep's trial, reading it back, and predicting with the trainer's own
 * forward pass.
 */
package org.knetsweep.model;
