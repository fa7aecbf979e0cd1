/**
 * The `ollama` provider adapter and its factory.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.provider.ollama;

import org.jspecify.annotations.NullMarked;
