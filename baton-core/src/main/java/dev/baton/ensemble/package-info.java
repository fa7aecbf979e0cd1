/**
 * Ensembles: specs, loading, running and testing of agent graphs.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble;

import org.jspecify.annotations.NullMarked;
