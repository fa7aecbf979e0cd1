package dev.baton.runs;

/** The three parts of the store the REST API's runs live in, on one database. */
public record RunStores(RunStore runs, RunEventLog events, IdempotencyKeys idempotency) {
}
