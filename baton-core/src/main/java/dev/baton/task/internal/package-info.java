/**
 * The task queue on db-scheduler: the schema, the task rows and history, the worker that runs
 * tasks, checkpoints and resume.
 */
@NullMarked
package dev.baton.task.internal;

import org.jspecify.annotations.NullMarked;
