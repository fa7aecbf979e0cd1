/**
 * Implementation details of `dev.baton.provider.bedrock`: not API, may change in any release.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.provider.bedrock.internal;

import org.jspecify.annotations.NullMarked;
