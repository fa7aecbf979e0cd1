package dev.baton.llm;

/** Why a model stopped producing output. */
public enum FinishReason {
    STOP, LENGTH, TOOL_CALLS, CONTENT_FILTER, CANCELLED, ERROR, OTHER
}
