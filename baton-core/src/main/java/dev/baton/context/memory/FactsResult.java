package dev.baton.context.memory;

import java.util.List;

/**
 * Facts asked for by key, in the order asked, within a token budget: {@code missing} names keys
 * that are not set, {@code omitted} those that did not fit; {@code tokens} is what the kept ones count.
 */
public record FactsResult(List<Fact> facts, List<String> missing, List<String> omitted, int tokens) {

    public FactsResult {
        facts = List.copyOf(facts);
        missing = List.copyOf(missing);
        omitted = List.copyOf(omitted);
    }
}
