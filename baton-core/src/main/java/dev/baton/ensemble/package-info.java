/**
 * Ensembles: agent graphs written in YAML. The subpackages follow the flow: {@code spec} (the
 * model), {@code load} (parse and validate), {@code run} (the engine and its results),
 * {@code agent} (the agent-runner SPI), {@code testing} ({@code tests:} cases) and
 * {@code service} (what the faces call); implementation sits in their {@code internal}
 * subpackages.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble;

import org.jspecify.annotations.NullMarked;
