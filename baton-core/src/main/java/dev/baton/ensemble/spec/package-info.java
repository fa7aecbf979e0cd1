/**
 * The ensemble model as written in YAML: {@link dev.baton.ensemble.spec.EnsembleSpec}, its agents
 * and their kinds, loops, budgets, conditions and {@code tests:} cases. Immutable values; no
 * behaviour beyond small queries.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble.spec;

import org.jspecify.annotations.NullMarked;
