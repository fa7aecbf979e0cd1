/**
 * The coordinator: a planner model reads a developer's question, picks coordinator tools (five
 * internal LLM sub-agents over the project, plus registered tools and ensembles the
 * configuration adds), and a job manager runs them in parallel under shares of the request's
 * cost and time budget; one {@link dev.baton.coordinator.CoordinatorResponse} comes back with
 * per-job results and budget accounting. Reached as {@code Baton.coordinator()}.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.coordinator;

import org.jspecify.annotations.NullMarked;
