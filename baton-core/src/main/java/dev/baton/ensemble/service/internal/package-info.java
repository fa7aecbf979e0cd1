/**
 * The implementation of the ensemble service over the project and user tiers; not API.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble.service.internal;

import org.jspecify.annotations.NullMarked;
