/**
 * The web console: a browser application served by {@code baton serve} at {@code /console/},
 * static assets from the jar that talk only to the REST API and its run events.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.server.console;

import org.jspecify.annotations.NullMarked;
