/**
 * The `openai` provider adapter and its factory.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.provider.openai;

import org.jspecify.annotations.NullMarked;
