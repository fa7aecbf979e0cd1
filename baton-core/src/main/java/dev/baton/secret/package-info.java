/**
 * The credential type, shared by configuration and providers without either importing the other.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.secret;

import org.jspecify.annotations.NullMarked;
