package dev.baton.ensemble.testing;

import dev.baton.ensemble.run.AgentModels;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.internal.JsonText;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.spec.EnsembleTestCase;
import dev.baton.ensemble.testing.internal.TestAssertions;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an ensemble's {@code tests:} cases. For each case it builds scripted models from the
 * case's per-agent {@code replies} (with the function given by the application, which maps
 * "agent name → reply texts, in order" to {@link AgentModels}; the request metadata
 * {@code agent} tells a scripted model which agent is calling), runs the ensemble on the case's
 * input with otherwise the given engine options (scripts run for real), and checks the
 * expectations. Cases run one after another.
 */
public final class EnsembleTestRunner {

    private final EngineOptions base;
    private final Function<Map<String, List<String>>, AgentModels> scriptedModels;
    private final TestAssertions assertions = new TestAssertions(new JsonText(JsonMapper.builder().build()));

    public EnsembleTestRunner(EngineOptions base, Function<Map<String, List<String>>, AgentModels> scriptedModels) {
        this.base = base;
        this.scriptedModels = scriptedModels;
    }

    public List<TestCaseResult> run(EnsembleSpec spec) {
        return spec.tests().stream().map(t -> run(spec, t)).toList();
    }

    public TestCaseResult run(EnsembleSpec spec, EnsembleTestCase test) {
        EngineOptions options = base.toBuilder().models(scriptedModels.apply(test.replies())).build();
        RunResult result = new EnsembleEngine(options).run(spec, test.input());
        return TestCaseResult.of(test.name(), assertions.check(test.expect(), result), result);
    }
}
