package dev.baton.ensemble.testing.internal;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.internal.JsonText;
import dev.baton.ensemble.spec.OutputAssertion;
import dev.baton.ensemble.spec.TestExpectation;
import dev.baton.ensemble.testing.AssertionFailure;

import dev.baton.ensemble.testing.AssertionFailure.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Checks a run against a {@link TestExpectation}; returns one {@link AssertionFailure} per failed assertion. */
public final class TestAssertions {

    private final JsonText json;

    public TestAssertions(JsonText json) {
        this.json = json;
    }

    public List<AssertionFailure> check(TestExpectation e, RunResult r) {
        List<AssertionFailure> failures = new ArrayList<>();
        if (e.status() != null && e.status() != r.status()) {
            failures.add(new AssertionFailure(Kind.RUN_STATUS, "run status", e.status().wire(), r.status().wire(),
                    "run status: expected " + e.status().wire() + ", got " + r.status().wire() + errors(r)));
        }
        for (Map.Entry<String, AgentStatus> want : e.agents().entrySet()) {
            AgentStatus got = r.agent(want.getKey()).map(AgentResult::status).orElse(null);
            if (got != want.getValue()) {
                String actual = got == null ? "no result" : got.wire();
                String subject = "agent '" + want.getKey() + "'";
                failures.add(new AssertionFailure(Kind.AGENT_STATUS, subject, want.getValue().wire(), actual,
                        subject + ": expected " + want.getValue().wire() + ", got " + actual));
            }
        }
        e.outputs().forEach(o -> output(o, r, failures));
        order(e.order(), r, failures);
        if (e.maxDuration() != null && r.totals().duration().compareTo(e.maxDuration()) > 0) {
            long took = r.totals().duration().toMillis();
            failures.add(new AssertionFailure(Kind.DURATION, "duration", "at most " + e.maxDuration().toMillis() + " ms",
                    took + " ms", "duration " + took + " ms exceeds max_duration_ms " + e.maxDuration().toMillis()));
        }
        return failures;
    }

    private void output(OutputAssertion o, RunResult r, List<AssertionFailure> failures) {
        AgentResult a = r.agent(o.agent()).orElse(null);
        String where = "output of '" + o.agent() + "'" + (o.jsonPath() == null ? "" : " at " + o.jsonPath());
        if (a == null || a.output() == null) {
            String state = a == null ? "no result" : a.status().wire();
            failures.add(new AssertionFailure(Kind.NO_OUTPUT, where, "an output", "no output (" + state + ")",
                    where + ": agent has no output (" + state + ")"));
            return;
        }
        String text = a.output();
        if (o.jsonPath() != null) {
            JsonNode root = a.outputJson() != null ? a.outputJson() : json.parseAny(a.output());
            JsonNode value = root == null ? null : JsonPathQuery.parse(o.jsonPath()).select(root);
            if (value == null) {
                failures.add(new AssertionFailure(Kind.JSON_PATH, where, "a value at " + o.jsonPath(), a.output(),
                        where + ": not found" + (root == null ? " (output is not JSON)" : "")));
                return;
            }
            text = JsonText.text(value);
        }
        if (o.contains() != null && !text.contains(o.contains())) {
            failures.add(new AssertionFailure(Kind.CONTAINS, where, o.contains(), text,
                    where + ": expected to contain '" + o.contains() + "', got " + preview(text)));
        }
        if (o.equals() != null && !text.strip().equals(o.equals().strip())) {
            failures.add(new AssertionFailure(Kind.EQUALS, where, o.equals(), text,
                    where + ": expected '" + o.equals() + "', got " + preview(text)));
        }
        if (o.matches() != null && !Pattern.compile(o.matches()).matcher(text).find()) {
            failures.add(new AssertionFailure(Kind.MATCHES, where, "/" + o.matches() + "/", text,
                    where + ": expected to match /" + o.matches() + "/, got " + preview(text)));
        }
    }

    private static void order(List<String> expected, RunResult r, List<AssertionFailure> failures) {
        int last = -1;
        String previous = null;
        for (String agent : expected) {
            int at = r.executionOrder().indexOf(agent);
            if (at < 0) {
                failures.add(orderFailure(expected, r, "order: '" + agent + "' never started"));
                return;
            }
            if (at < last) {
                failures.add(orderFailure(expected, r, "order: '" + agent + "' started before '" + previous
                        + "' (execution order " + r.executionOrder() + ")"));
                return;
            }
            last = at;
            previous = agent;
        }
    }

    private static AssertionFailure orderFailure(List<String> expected, RunResult r, String message) {
        return new AssertionFailure(Kind.ORDER, "order", String.join(", ", expected),
                String.join(", ", r.executionOrder()), message);
    }

    private static String errors(RunResult r) {
        List<String> errs = r.agents().stream().filter(a -> a.error() != null)
                .map(a -> a.name() + ": " + a.error().message()).toList();
        return errs.isEmpty() ? "" : " (" + String.join("; ", errs) + ")";
    }

    private static String preview(String text) {
        String t = text.strip();
        return "'" + (t.length() <= 200 ? t : t.substring(0, 200) + "...") + "'";
    }
}
