package dev.baton.cli;

import dev.baton.ensemble.testing.AssertionFailure;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.testing.TestCaseResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The report of {@code baton test}: per ensemble, PASS/FAIL per case and, under each failed
 * assertion, what was expected against what the run gave (a line diff for multi-line
 * {@code equals}); or the same as one JSON document.
 */
final class TestReport {

    /** One ensemble's outcome: its test results, or the problems that kept it from loading. */
    record EnsembleOutcome(String name, String file, List<TestCaseResult> results, List<Problem> problems) {
        boolean passed() {
            return problems.isEmpty() && results.stream().allMatch(TestCaseResult::passed);
        }
    }

    private static final int MAX_SHOWN_LINES = 40;

    private final boolean colour;
    private final ProblemReport problems;

    TestReport(boolean colour, ProblemReport problems) {
        this.colour = colour;
        this.problems = problems;
    }

    void printText(PrintWriter out, List<EnsembleOutcome> outcomes) {
        int passed = 0;
        int failed = 0;
        for (EnsembleOutcome o : outcomes) {
            out.println(o.name() + "  (" + o.file() + ")");
            if (!o.problems().isEmpty()) {
                out.println("  " + paint("31", "INVALID") + "  the ensemble does not load:");
                o.problems().forEach(p -> out.println("    " + problems.line(p)));
            }
            for (TestCaseResult r : o.results()) {
                if (r.passed()) passed++;
                else failed++;
                out.println("  " + (r.passed() ? paint("32", "PASS") : paint("31", "FAIL")) + "  " + r.name()
                        + "  (" + r.run().totals().duration().toMillis() + " ms, run " + r.run().status().wire() + ")");
                if (!r.passed()) failures(out, r);
            }
            out.println();
        }
        long invalid = outcomes.stream().filter(o -> !o.problems().isEmpty()).count();
        out.println(Quantity.of(passed + failed, "test") + ": " + passed + " passed, " + failed + " failed"
                + (invalid > 0 ? "; " + Quantity.of(invalid, "ensemble") + " invalid" : ""));
        out.flush();
    }

    private void failures(PrintWriter out, TestCaseResult r) {
        List<AssertionFailure> details = r.details();
        if (details.isEmpty()) {
            r.failures().forEach(f -> out.println("        ✗ " + oneLine(f)));
            return;
        }
        for (AssertionFailure f : details) {
            out.println("        ✗ " + oneLine(f.message()));
            for (String line : diff(f)) {
                String painted = line.startsWith("-") ? paint("31", line) : line.startsWith("+") ? paint("32", line) : line;
                out.println("            " + painted);
            }
        }
    }

    /** Expected against actual: a line diff for multi-line equals, else the two values labelled. */
    static List<String> diff(AssertionFailure f) {
        String expected = f.expected() == null ? "" : f.expected();
        String actual = f.actual() == null ? "" : f.actual();
        if (f.kind() == AssertionFailure.Kind.EQUALS && (expected.strip().contains("\n") || actual.strip().contains("\n"))) {
            List<String> lines = new ArrayList<>(List.of("--- expected", "+++ actual"));
            lines.addAll(limit(LineDiff.diff(expected, actual)));
            return lines;
        }
        String label = switch (f.kind()) {
            case CONTAINS -> "expected (contains): ";
            case MATCHES -> "expected (matches):  ";
            default -> "expected: ";
        };
        List<String> lines = new ArrayList<>();
        lines.add("- " + label + expected);
        List<String> actualLines = actual.strip().lines().toList();
        if (actualLines.size() <= 1) {
            lines.add("+ " + "actual:".concat(" ".repeat(label.length() - "actual:".length())) + actual.strip());
        } else {
            lines.add("+ actual:");
            limit(actualLines).forEach(l -> lines.add("+   " + l));
        }
        return lines;
    }

    /** The headline of a failure on one line; the diff below it shows the values as they are. */
    private static String oneLine(String message) {
        return message.replace("\r", "").replace("\n", "\\n");
    }

    private static List<String> limit(List<String> lines) {
        if (lines.size() <= MAX_SHOWN_LINES) return lines;
        List<String> cut = new ArrayList<>(lines.subList(0, MAX_SHOWN_LINES));
        cut.add("… " + (lines.size() - MAX_SHOWN_LINES) + " more line(s)");
        return cut;
    }

    TestReportJson json(List<EnsembleOutcome> outcomes) {
        return TestReportJson.of(outcomes, problems);
    }

    private String paint(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
