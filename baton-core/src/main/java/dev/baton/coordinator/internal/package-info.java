/**
 * The implementations behind the coordinator: settings and prompt templates, the planner and its
 * plan schema, the job manager and its share accounting, the internal tools and the recorder.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.coordinator.internal;

import org.jspecify.annotations.NullMarked;
