package dev.baton.task.internal;

import dev.baton.coordinator.Coordinator;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.operation.Operations;

import java.util.function.Supplier;

/**
 * What tasks run on: the services of one {@code Baton}, reached lazily so an API-only replica
 * does not open what only a worker needs.
 */
public record TaskTargets(Supplier<Ensembles> ensembles, Supplier<Coordinator> coordinator,
                          Supplier<Operations> operations) {
}
