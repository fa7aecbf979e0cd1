package dev.baton.ensemble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ensemble.FakeModels;
import dev.baton.ensemble.Specs;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.error.ErrorCode;
import dev.baton.llm.Usage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** A new agent kind plugs in through {@code EngineOptions.Builder.runner} without touching the engine. */
class AgentRunnerSpiTest {

    @TempDir
    Path project;

    private final FakeModels models = new FakeModels();

    /** Shouts its prompt, repeated {@code parameters.times} times; records what it was given. */
    static final class ShoutRunner implements AgentRunner {
        final List<AgentContext> seen = new CopyOnWriteArrayList<>();

        @Override
        public String kind() {
            return "shout";
        }

        @Override
        public AgentOutcome run(AgentContext ctx) {
            seen.add(ctx);
            int times = ctx.agent().parameters() == null ? 1 : ctx.agent().parameters().path("times").asInt(1);
            ctx.usage().record("shout/local", Usage.of(7, 3));
            return AgentOutcome.of(ctx.prompt().toUpperCase(Locale.ROOT).repeat(times), null);
        }
    }

    private EnsembleEngine engine(AgentRunner... runners) {
        EngineOptions.Builder b = EngineOptions.builder(models).projectDir(project).userScriptsDir(null);
        for (AgentRunner r : runners) b.runner(r);
        return new EnsembleEngine(b.build());
    }

    @Test
    void given_a_registered_runner_when_a_yaml_agent_names_its_kind_then_the_runner_runs_it() {
        ShoutRunner shout = new ShoutRunner();
        EnsembleSpec spec = Specs.yaml("""
                name: loud
                agents:
                  - name: yell
                    kind: shout
                    parameters: {times: 2}
                """);

        RunResult r = engine(shout).run(spec, "hi");

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        AgentResult yell = r.agent("yell").orElseThrow();
        assertThat(yell.output()).isEqualTo("HIHI");
        assertThat(yell.usage().inputTokens()).as("usage reported through the context counts").isEqualTo(7);
        AgentContext ctx = shout.seen.get(0);
        assertThat(ctx.runId()).isEqualTo(r.runId());
        assertThat(ctx.ensemble()).isEqualTo("loud");
        assertThat(ctx.attempt()).isEqualTo(1);
        assertThat(ctx.model()).as("no model choice for a non-LLM kind").isNull();
        assertThat(ctx.models()).isSameAs(models);
    }

    @Test
    void given_code_built_agents_when_a_custom_kind_feeds_an_llm_agent_then_the_graph_runs_through_it() {
        models.reply("summary", "summarised");
        EnsembleSpec spec = EnsembleSpec.of("built", List.of(
                AgentSpec.builder("yell").index(0).kind(new AgentKind.Custom("shout", null)).build(),
                AgentSpec.builder("summary").index(1).modelProfile("fast").dependsOn("yell").build()));

        RunResult r = engine(new ShoutRunner()).run(spec, "quiet");

        assertThat(r.agent("yell").orElseThrow().output()).isEqualTo("QUIET");
        assertThat(r.agent("summary").orElseThrow().status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(models.requestsOf("summary").get(0).messages().toString()).contains("QUIET");
    }

    @Test
    void given_no_runner_for_a_kind_when_the_agent_runs_then_it_fails_naming_the_kind() {
        EnsembleSpec spec = Specs.yaml("name: x\nagents:\n  - {name: a, kind: coordinator}\n");

        RunResult r = engine().run(spec, "go");

        AgentResult a = r.agent("a").orElseThrow();
        assertThat(a.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(a.error().code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(a.error().message()).contains("no runner is registered for agent kind 'coordinator'");
    }

    @Test
    void given_a_runner_for_a_built_in_kind_when_registered_then_it_replaces_the_built_in_one() {
        AgentRunner fakeScripts = new AgentRunner() {
            @Override
            public String kind() {
                return AgentKind.SCRIPT;
            }

            @Override
            public AgentOutcome run(AgentContext ctx) {
                return AgentOutcome.of("ran " + ctx.agent().script() + " on " + ctx.input().asString(),
                        JsonMapper.builder().build().nullNode());
            }
        };
        EnsembleSpec spec = Specs.yaml("name: s\nagents:\n  - {name: a, script: does-not-exist.sh}\n");

        RunResult r = engine(fakeScripts).run(spec, "in");

        assertThat(r.agent("a").orElseThrow().output()).isEqualTo("ran does-not-exist.sh on in");
    }
}
