package dev.baton.ensemble.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of an ensemble's {@code tests:} block: the run input (null: the ensemble's default
 * task), the scripted replies each LLM agent gives in order, and what the run must show.
 */
public record EnsembleTestCase(String name, String input, Map<String, List<String>> replies,
                               TestExpectation expect) {
    public EnsembleTestCase {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (replies != null) replies.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        replies = java.util.Collections.unmodifiableMap(copy);
        expect = expect == null ? TestExpectation.NONE : expect;
    }
}
