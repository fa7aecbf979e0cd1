/**
 * What a model is given besides the task: personas (named system prompts per profile or provider),
 * per-session conversations per profile, token counting that says whether a count is exact, and
 * the shaper that fits persona, memory excerpts, history and task into a model's window.
 * {@link dev.baton.context.ChatContext} is the service a {@code Baton} hands out.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.context;

import org.jspecify.annotations.NullMarked;
