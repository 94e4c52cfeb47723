/**
 * Model-based proposals for a sweep: the Tree-structured Parzen Estimator ({@link org.knetsweep.search.Tpe}) over an
 * encoded space ({@link org.knetsweep.search.EncodedDim}). Pure, deterministic math: a suggestion is a function of
 * the configuration, the dimensions, the observations, the pending points and the random generator's state only
 * (StrictMath throughout, no hash-ordered iteration, no parallelism). See docs/tpe.md.
 */
package org.knetsweep.search;
