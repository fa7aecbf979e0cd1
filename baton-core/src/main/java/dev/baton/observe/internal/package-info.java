/**
 * The ledger tee, the traced decorators of the pipeline and the spans of ensemble runs.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.observe.internal;

import org.jspecify.annotations.NullMarked;
