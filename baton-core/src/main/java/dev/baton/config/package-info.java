/**
 * Layered configuration: files, profiles, aliases, providers' settings and stored credentials.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.config;

import org.jspecify.annotations.NullMarked;
