package dev.baton.context;

/** What the shaper does with history that does not fit: drop the oldest turns, or summarise them. */
public enum HistoryPolicy {
    /** The oldest messages are left out. */
    DROP,
    /** The oldest messages are replaced by one summary made by the summary profile. */
    SUMMARISE
}
