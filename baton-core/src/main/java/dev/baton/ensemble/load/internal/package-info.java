/**
 * Implementation of parsing and validation: the YAML tree reader, source-line lookup and the
 * graph, reference, agent and test-block checks. Not an API.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble.load.internal;

import org.jspecify.annotations.NullMarked;
