package dev.baton.llm;

/** What a model can do beyond plain text chat. */
public enum Capability {
    TOOLS, VISION, JSON_SCHEMA, JSON_MODE, STREAMING, STREAMING_USAGE, REASONING
}
