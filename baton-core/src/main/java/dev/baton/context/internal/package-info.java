/**
 * The implementations behind the context service: token counters (jtokkit, Anthropic's and
 * Gemini's count endpoints, the estimate), the message codec of stored conversations and the
 * service itself.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.context.internal;

import org.jspecify.annotations.NullMarked;
