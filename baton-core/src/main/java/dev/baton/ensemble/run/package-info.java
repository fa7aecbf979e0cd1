/**
 * Running ensembles: {@link dev.baton.ensemble.run.EnsembleEngine} and its options, run handles,
 * events, listeners and results (with their JSON form), batch runs, and the services an agent
 * attempt uses ({@link dev.baton.ensemble.run.AgentModels}, {@link
 * dev.baton.ensemble.run.AttemptControl}, {@link dev.baton.ensemble.run.UsageMeter}).
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble.run;

import org.jspecify.annotations.NullMarked;
