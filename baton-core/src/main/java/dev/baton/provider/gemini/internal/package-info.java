/**
 * Implementation details of `dev.baton.provider.gemini`: not API, may change in any release.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.provider.gemini.internal;

import org.jspecify.annotations.NullMarked;
