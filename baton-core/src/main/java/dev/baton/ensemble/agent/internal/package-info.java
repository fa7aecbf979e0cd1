/**
 * The built-in agent runners (LLM, script, ensemble, loop) and the script process machinery
 * (launch, process groups, reaping leftovers). Not an API.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble.agent.internal;

import org.jspecify.annotations.NullMarked;
