/**
 * The REST API under {@code /api/v1}: ensembles, runs (asynchronous, idempotent, batched,
 * cancellable) with their live events over SSE, recorded runs, profiles, providers, usage,
 * budgets and the tool audit log, described by the OpenAPI document at {@code /api/v1/openapi.json}.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.server.api;

import org.jspecify.annotations.NullMarked;
