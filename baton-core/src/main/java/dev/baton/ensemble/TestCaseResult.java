package dev.baton.ensemble;

import java.util.List;

/** The outcome of one {@code tests:} case: passed or not, every failed assertion, and the run itself. */
public record TestCaseResult(String name, boolean passed, List<String> failures, RunResult run) {
    public TestCaseResult {
        failures = List.copyOf(failures);
    }
}
