/**
 * The error taxonomy: one `BatonException` carrying an `ErrorCode`.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.error;

import org.jspecify.annotations.NullMarked;
