package dev.baton.ensemble.spec;

/**
 * The output an agent must produce: free {@code TEXT} (the default) or {@code JSON}. A JSON
 * agent asks its model for JSON and fails when its output does not parse.
 */
public enum OutputFormat {
    TEXT, JSON
}
