/**
 * Implementation of a run: scheduling, per-agent execution, attempts under deadlines, fan-out, run
 * budget, event dispatch, prompt composition and output checks. Not an API.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble.run.internal;

import org.jspecify.annotations.NullMarked;
