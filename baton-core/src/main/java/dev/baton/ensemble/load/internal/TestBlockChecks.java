package dev.baton.ensemble.load.internal;

import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.spec.EnsembleTestCase;
import dev.baton.ensemble.spec.OutputAssertion;
import dev.baton.ensemble.testing.internal.JsonPathQuery;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks that an ensemble's {@code tests:} block names real agents and valid patterns. */
public final class TestBlockChecks {

    private final EnsembleSpec spec;
    private final List<Problem> problems;

    public TestBlockChecks(EnsembleSpec spec, List<Problem> problems) {
        this.spec = spec;
        this.problems = problems;
    }

    public void check() {
        for (int i = 0; i < spec.tests().size(); i++) {
            EnsembleTestCase t = spec.tests().get(i);
            String p = "/tests/" + i;
            t.replies().keySet().forEach(a -> agent(a, p + "/replies", t));
            t.expect().agents().keySet().forEach(a -> agent(a, p + "/expect/agents", t));
            t.expect().order().forEach(a -> agent(a, p + "/expect/order", t));
            for (OutputAssertion o : t.expect().outputs()) {
                agent(o.agent(), p + "/expect/outputs", t);
                if (o.matches() != null) regex(o.matches(), p + "/expect/outputs", t);
                if (o.jsonPath() != null) path(o.jsonPath(), p + "/expect/outputs", t);
            }
        }
    }

    private void agent(String name, String pointer, EnsembleTestCase t) {
        if (spec.agent(name).isEmpty()) add(pointer, "test '" + t.name() + "' names unknown agent '" + name + "'");
    }

    private void regex(String regex, String pointer, EnsembleTestCase t) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            add(pointer, "test '" + t.name() + "' has an invalid 'matches' pattern: " + e.getDescription());
        }
    }

    private void path(String jsonPath, String pointer, EnsembleTestCase t) {
        try {
            JsonPathQuery.parse(jsonPath);
        } catch (IllegalArgumentException e) {
            add(pointer, "test '" + t.name() + "': " + e.getMessage());
        }
    }

    private void add(String pointer, String message) {
        problems.add(new Problem(spec.origin(), null, spec.lines().at(pointer), message));
    }
}
