/**
 * Observation hooks: what metrics and traces learn of calls and runs. {@link dev.baton.observe.BatonObserver}
 * is told of every recorded call, retry and top-level run; {@link dev.baton.observe.Telemetry} carries the
 * OpenTelemetry instance spans are made with (none by default, so nothing is traced and nothing is paid).
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.observe;

import org.jspecify.annotations.NullMarked;
