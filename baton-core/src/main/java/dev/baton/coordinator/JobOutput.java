package dev.baton.coordinator;

import dev.baton.llm.Usage;

import java.util.List;

/** What a job produced: its text, the usage and cost of its model calls, the models that answered. */
public record JobOutput(String text, Usage usage, List<String> models) {

    public JobOutput {
        usage = usage == null ? Usage.ZERO : usage;
        models = List.copyOf(models);
    }

    public static JobOutput text(String text) {
        return new JobOutput(text, Usage.ZERO, List.of());
    }
}
