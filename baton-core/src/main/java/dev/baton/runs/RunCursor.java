package dev.baton.runs;

import java.time.Instant;

/** A position in the newest-first order of runs: the creation time of a run and its id (for runs made in one millisecond). */
public record RunCursor(Instant createdAt, String id) {
}
