package dev.baton.runs;

/** One event of a run's log: its id (1, 2, 3, ... per run), SSE event name and JSON text. */
public record StoredEvent(long id, String type, String data) {
}
