/**
 * The `gemini` provider adapter and its factory.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.provider.gemini;

import org.jspecify.annotations.NullMarked;
