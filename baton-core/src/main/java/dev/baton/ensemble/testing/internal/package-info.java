/**
 * Implementation of {@code tests:} assertions (JSONPath subset, output checks). Not an API.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble.testing.internal;

import org.jspecify.annotations.NullMarked;
