/**
 * Implementation details of `dev.baton.config`: not API, may change in any release.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.config.internal;

import org.jspecify.annotations.NullMarked;
