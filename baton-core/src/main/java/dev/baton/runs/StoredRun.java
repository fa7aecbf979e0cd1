package dev.baton.runs;

/**
 * A run record as read back, with what only the store knows: how many events its log holds
 * (the id of the last) and whether a client asked, on any replica, to cancel it.
 */
public record StoredRun(RunRecord record, long events, boolean cancelRequested) {
}
