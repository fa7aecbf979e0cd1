package dev.baton.ensemble.spec;

import java.util.List;

/**
 * A loop agent's definition: run the child ensemble {@code body} until the {@code until}
 * condition (may be null: run all iterations) holds over the body's output, at most
 * {@code maxIterations} times, feeding the {@code carry} fields of each output into the next
 * iteration's input.
 */
public record LoopSpec(String body, Condition until, int maxIterations, List<String> carry) {
    public LoopSpec {
        carry = carry == null ? List.of() : List.copyOf(carry);
    }
}
