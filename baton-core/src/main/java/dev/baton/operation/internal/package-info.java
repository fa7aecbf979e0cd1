/**
 * The implementation of operations: definition files, input checks, prompt templates and the two
 * execution modes; not API.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.operation.internal;

import org.jspecify.annotations.NullMarked;
