/**
 * Running an ensemble's {@code tests:} cases and reporting each case's assertions ({@link
 * dev.baton.ensemble.testing.EnsembleTestRunner}).
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble.testing;

import org.jspecify.annotations.NullMarked;
