package dev.baton.ensemble.testing;

import dev.baton.ensemble.run.RunResult;

import java.util.List;

/**
 * The outcome of one {@code tests:} case: passed or not, every failed assertion (as one line
 * each in {@code failures}, and structured with expected and actual values in
 * {@code details}, same order), and the run itself.
 */
public record TestCaseResult(String name, boolean passed, List<String> failures, RunResult run,
                             List<AssertionFailure> details) {
    public TestCaseResult {
        failures = List.copyOf(failures);
        details = details == null ? List.of() : List.copyOf(details);
    }

    /** A result without structured details. */
    public TestCaseResult(String name, boolean passed, List<String> failures, RunResult run) {
        this(name, passed, failures, run, List.of());
    }

    /** A result from structured failures; passed when there are none. */
    public static TestCaseResult of(String name, List<AssertionFailure> failures, RunResult run) {
        return new TestCaseResult(name, failures.isEmpty(), failures.stream().map(AssertionFailure::message).toList(),
                run, failures);
    }
}
