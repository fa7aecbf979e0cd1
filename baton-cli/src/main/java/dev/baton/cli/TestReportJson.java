package dev.baton.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.baton.ensemble.testing.AssertionFailure;
import dev.baton.ensemble.testing.TestCaseResult;

import java.util.List;

/**
 * {@code baton test -o json}: whether every ensemble passed, the totals, and each ensemble with
 * its definition problems and test cases.
 */
record TestReportJson(boolean passed, Totals totals, List<Ensemble> ensembles) {

    /** Test cases run, passed and failed over all ensembles. */
    record Totals(int tests, int passed, int failed) {
    }

    /** One ensemble file: passed when it has no problems and every test case passed. */
    record Ensemble(String name, String file, boolean passed, List<ProblemJson> problems, List<Case> tests) {
    }

    /** One test case: the run's status (lower-case) and duration, and every failed assertion. */
    record Case(String name, boolean passed, String status, @JsonProperty("duration_ms") long durationMs,
                List<Failure> failures) {
        static Case of(TestCaseResult r) {
            return new Case(r.name(), r.passed(), r.run().status().wire(), r.run().totals().duration().toMillis(),
                    r.details().stream().map(Failure::of).toList());
        }
    }

    /** One failed assertion: its kind, what it looked at, the expected and actual values, and the message. */
    record Failure(String kind, String subject, String expected, String actual, String message) {
        static Failure of(AssertionFailure f) {
            return new Failure(f.kind().wire(), f.subject(), f.expected(), f.actual(), f.message());
        }
    }

    static TestReportJson of(List<TestReport.EnsembleOutcome> outcomes, ProblemReport problems) {
        List<Ensemble> ensembles = outcomes.stream().map(o -> new Ensemble(o.name(), o.file(), o.passed(),
                o.problems().stream().map(p -> ProblemJson.of(p, problems)).toList(),
                o.results().stream().map(Case::of).toList())).toList();
        int total = outcomes.stream().mapToInt(o -> o.results().size()).sum();
        int passed = (int) outcomes.stream().flatMap(o -> o.results().stream()).filter(TestCaseResult::passed).count();
        return new TestReportJson(outcomes.stream().allMatch(TestReport.EnsembleOutcome::passed),
                new Totals(total, passed, total - passed), ensembles);
    }
}
