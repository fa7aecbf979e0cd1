package dev.baton.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Checks a run against a {@link TestExpectation}; returns one readable line per failed assertion. */
final class TestAssertions {

    private final JsonText json;

    TestAssertions(JsonText json) {
        this.json = json;
    }

    List<String> check(TestExpectation e, RunResult r) {
        List<String> failures = new ArrayList<>();
        if (e.status() != null && e.status() != r.status()) {
            failures.add("run status: expected " + e.status().wire() + ", got " + r.status().wire() + errors(r));
        }
        for (Map.Entry<String, AgentStatus> want : e.agents().entrySet()) {
            AgentStatus got = r.agent(want.getKey()).map(AgentResult::status).orElse(null);
            if (got != want.getValue()) {
                failures.add("agent '" + want.getKey() + "': expected " + want.getValue().wire() + ", got "
                        + (got == null ? "no result" : got.wire()));
            }
        }
        e.outputs().forEach(o -> output(o, r, failures));
        order(e.order(), r, failures);
        if (e.maxDuration() != null && r.totals().duration().compareTo(e.maxDuration()) > 0) {
            failures.add("duration " + r.totals().duration().toMillis() + " ms exceeds max_duration_ms "
                    + e.maxDuration().toMillis());
        }
        return failures;
    }

    private void output(OutputAssertion o, RunResult r, List<String> failures) {
        AgentResult a = r.agent(o.agent()).orElse(null);
        String where = "output of '" + o.agent() + "'" + (o.jsonPath() == null ? "" : " at " + o.jsonPath());
        if (a == null || a.output() == null) {
            failures.add(where + ": agent has no output (" + (a == null ? "no result" : a.status().wire()) + ")");
            return;
        }
        String text = a.output();
        if (o.jsonPath() != null) {
            JsonNode root = a.outputJson() != null ? a.outputJson() : json.parseAny(a.output());
            JsonNode value = root == null ? null : JsonPathQuery.parse(o.jsonPath()).select(root);
            if (value == null) {
                failures.add(where + ": not found" + (root == null ? " (output is not JSON)" : ""));
                return;
            }
            text = JsonText.text(value);
        }
        if (o.contains() != null && !text.contains(o.contains())) {
            failures.add(where + ": expected to contain '" + o.contains() + "', got " + preview(text));
        }
        if (o.equals() != null && !text.strip().equals(o.equals().strip())) {
            failures.add(where + ": expected '" + o.equals() + "', got " + preview(text));
        }
        if (o.matches() != null && !Pattern.compile(o.matches()).matcher(text).find()) {
            failures.add(where + ": expected to match /" + o.matches() + "/, got " + preview(text));
        }
    }

    private static void order(List<String> expected, RunResult r, List<String> failures) {
        int last = -1;
        String previous = null;
        for (String agent : expected) {
            int at = r.executionOrder().indexOf(agent);
            if (at < 0) {
                failures.add("order: '" + agent + "' never started");
                return;
            }
            if (at < last) {
                failures.add("order: '" + agent + "' started before '" + previous + "' (execution order "
                        + r.executionOrder() + ")");
                return;
            }
            last = at;
            previous = agent;
        }
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
