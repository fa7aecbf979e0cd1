/**
 * The console's static asset servlet and its redirect from {@code /}.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.server.console.internal;

import org.jspecify.annotations.NullMarked;
