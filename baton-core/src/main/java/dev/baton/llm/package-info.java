/**
 * The value types of a model call and the one SPI, `ChatModel`.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.llm;

import org.jspecify.annotations.NullMarked;
