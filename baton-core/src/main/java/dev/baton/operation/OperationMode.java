package dev.baton.operation;

import java.util.Locale;

/** How an operation produces its response. */
public enum OperationMode {
    /** One structured-output call through a profile's pipeline, the response schema as its JSON-schema format. */
    MONOLITHIC,
    /** A run of the ensemble the definition names; its deliverable is the response. */
    AGENTIC;

    /** {@code monolithic} or {@code agentic}, as definitions and the faces write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
