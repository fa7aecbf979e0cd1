package dev.baton.ensemble.run;

import java.util.Locale;

/** How an agent ended. Written lower-case in JSON and YAML ({@code completed}, ...). */
public enum AgentStatus {
    COMPLETED, FAILED, SKIPPED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AgentStatus fromWire(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
