/**
 * Decorators of `ChatModel` and the order they are composed in.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.pipeline;

import org.jspecify.annotations.NullMarked;
