package dev.baton.ensemble.service;

import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.testing.TestCaseResult;

import java.nio.file.Path;
import java.util.List;

/**
 * The offline test run of one ensemble file: its name (null when the file does not parse), the
 * results of its {@code tests:} cases in order, or the problems that kept it from loading.
 */
public record TestOutcome(String name, Path file, List<TestCaseResult> results, List<Problem> problems) {

    public TestOutcome {
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }

    /** True when the ensemble loaded and every case passed. */
    public boolean passed() {
        return problems.isEmpty() && results.stream().allMatch(TestCaseResult::passed);
    }

    /** True when the file loaded and has no {@code tests:} block. */
    public boolean hasNoTests() {
        return problems.isEmpty() && results.isEmpty();
    }
}
