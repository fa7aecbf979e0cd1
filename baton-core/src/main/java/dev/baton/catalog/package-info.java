/**
 * The model catalog: context windows, capabilities and prices of known models.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.catalog;

import org.jspecify.annotations.NullMarked;
