package dev.baton.ensemble.load.internal;

import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.spec.EnsembleTestCase;
import dev.baton.ensemble.spec.OutputAssertion;
import dev.baton.ensemble.spec.TestExpectation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads an ensemble's {@code tests:} block into {@link EnsembleTestCase}s, reporting problems. */
public final class TestBlockParser {

    static final Set<String> CASE_KEYS = Set.of("name", "input", "replies", "expect");
    static final Set<String> EXPECT_KEYS = Set.of("status", "agents", "outputs", "order", "max_duration_ms");
    static final Set<String> OUTPUT_KEYS = Set.of("agent", "json_path", "contains", "equals", "matches");

    private final SpecReader r;

    public TestBlockParser(SpecReader reader) {
        this.r = reader;
    }

    public List<EnsembleTestCase> tests(JsonNode list) {
        List<EnsembleTestCase> cases = new ArrayList<>();
        if (list == null || list.isNull()) return cases;
        if (!list.isArray()) {
            r.problem("/tests", null, "'tests' must be a list of test cases");
            return cases;
        }
        for (int i = 0; i < list.size(); i++) {
            String p = "/tests/" + i;
            JsonNode n = list.get(i);
            if (!n.isObject()) {
                r.problem(p, null, "test case #" + (i + 1) + " must be a mapping");
                continue;
            }
            r.checkKeys(n, CASE_KEYS, p, null, "test case");
            String name = r.string(n, "name", p, null);
            cases.add(new EnsembleTestCase(name == null ? "test " + (i + 1) : name, r.string(n, "input", p, null),
                    replies(n.get("replies"), p + "/replies"), expect(n.get("expect"), p + "/expect")));
        }
        return cases;
    }

    private Map<String, List<String>> replies(JsonNode n, String p) {
        Map<String, List<String>> replies = new LinkedHashMap<>();
        if (n == null || n.isNull()) return replies;
        if (!n.isObject()) {
            r.problem(p, null, "'replies' must map agent names to reply texts");
            return replies;
        }
        for (String agent : n.propertyNames()) {
            JsonNode v = n.get(agent);
            if (v.isObject() || (v.isArray() && v.valueStream().anyMatch(JsonNode::isObject))) {
                // a JSON reply written as YAML: keep it as JSON text, which is what a model would send
                replies.put(agent, v.isArray() ? v.valueStream().map(TestBlockParser::text).toList() : List.of(v.toString()));
            } else {
                replies.put(agent, r.strings(n, agent, p, agent));
            }
        }
        return replies;
    }

    private static String text(JsonNode v) {
        return v.isString() ? v.stringValue() : v.toString();
    }

    private TestExpectation expect(JsonNode n, String p) {
        if (n == null || n.isNull()) return TestExpectation.NONE;
        if (!n.isObject()) {
            r.problem(p, null, "'expect' must be a mapping");
            return TestExpectation.NONE;
        }
        r.checkKeys(n, EXPECT_KEYS, p, null, "expect");
        RunStatus status = r.enumValue(n, "status", RunStatus.class, p, null);
        Map<String, AgentStatus> agents = new LinkedHashMap<>();
        JsonNode a = n.get("agents");
        if (a != null && a.isObject()) {
            for (String agent : a.propertyNames()) {
                AgentStatus s = r.enumValue(a, agent, AgentStatus.class, p + "/agents", agent);
                if (s != null) agents.put(agent, s);
            }
        } else if (a != null && !a.isNull()) {
            r.problem(p + "/agents", null, "'expect.agents' must map agent names to statuses");
        }
        Long maxMs = r.longValue(n, "max_duration_ms", p, null);
        return new TestExpectation(status, agents, outputs(n.get("outputs"), p + "/outputs"),
                r.strings(n, "order", p, null), maxMs == null ? null : Duration.ofMillis(maxMs));
    }

    private List<OutputAssertion> outputs(JsonNode n, String p) {
        List<OutputAssertion> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (!n.isArray()) {
            r.problem(p, null, "'expect.outputs' must be a list");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode o = n.get(i);
            String op = p + "/" + i;
            if (!o.isObject()) {
                r.problem(op, null, "an output assertion must be a mapping with 'agent'");
                continue;
            }
            r.checkKeys(o, OUTPUT_KEYS, op, null, "output assertion");
            String agent = r.string(o, "agent", op, null);
            if (agent == null) r.problem(op, null, "an output assertion needs 'agent'");
            OutputAssertion as = new OutputAssertion(agent, r.string(o, "json_path", op, agent),
                    r.string(o, "contains", op, agent), r.string(o, "equals", op, agent), r.string(o, "matches", op, agent));
            int checks = (as.contains() != null ? 1 : 0) + (as.equals() != null ? 1 : 0) + (as.matches() != null ? 1 : 0);
            if (checks > 1) r.problem(op, agent, "use one of contains, equals, matches per output assertion");
            if (checks == 0 && as.jsonPath() == null) {
                r.problem(op, agent, "an output assertion needs contains, equals, matches or json_path");
            }
            if (agent != null) out.add(as);
        }
        return out;
    }
}
