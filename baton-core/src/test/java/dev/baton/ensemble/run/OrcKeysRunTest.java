package dev.baton.ensemble.run;

import dev.baton.artifact.internal.MarkdownReport;
import dev.baton.ensemble.FakeModels;
import dev.baton.ensemble.Specs;
import dev.baton.ensemble.load.EnsembleCatalog;
import dev.baton.ensemble.run.CheckReport.Verdict;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What llm-orc 0.19's ensemble keys do to a run: checks reported, seat contracts enforced, raw output, test mode. */
class OrcKeysRunTest {

    @TempDir
    Path project;

    private final FakeModels models = new FakeModels();

    private EnsembleEngine engine(List<EnsembleSpec> catalog) {
        return new EnsembleEngine(EngineOptions.builder(models).projectDir(project).userScriptsDir(null)
                .catalog(EnsembleCatalog.of(catalog)).build());
    }

    @Test
    void validation_block_is_evaluated_after_the_run_with_the_deterministic_kinds_only() {
        models.reply("plan", "{\"steps\": [1, 2]}").reply("write", "prose");
        EnsembleSpec spec = Specs.yaml("""
                name: checked
                validation:
                  structural:
                    required_agents: [plan, write, review]
                    max_execution_time: 600
                  schema_validations:
                    - {agent: plan, required_fields: [steps]}
                    - {agent: write, required_fields: [title]}
                  behavioral:
                    - {name: short, description: short, assertion: "len(results) < 3"}
                  quantitative:
                    - {metric: agent_count, threshold: ">= 2", description: both ran}
                    - {metric: execution_time, threshold: "< 600", description: quick}
                  semantic: {enabled: true, validator_model: judge, criteria: [clear prose]}
                agents:
                  - {name: plan, model_profile: fast}
                  - {name: write, model_profile: fast, depends_on: [plan]}
                """);

        RunResult r = engine(List.of()).run(spec, "go");

        assertThat(r.status()).as("checks report, they do not fail the run").isEqualTo(RunStatus.COMPLETED);
        assertThat(r.checks()).extracting(CheckReport::block, CheckReport::layer, CheckReport::verdict).containsExactly(
                tuple("validation", "structural", Verdict.FAILED),
                tuple("validation", "schema", Verdict.FAILED),
                tuple("validation", "behavioral", Verdict.NOT_EVALUATED),
                tuple("validation", "quantitative", Verdict.PASSED),
                tuple("validation", "semantic", Verdict.NOT_EVALUATED));
        assertThat(r.checks().get(0).messages()).containsExactly("missing required agents: review");
        assertThat(r.checks().get(1).messages()).containsExactly("agent write output is not a JSON object");
        assertThat(r.checks().get(4).messages().get(0)).contains("LLM judge");
        var json = RunResultJson.write(r);
        assertThat(json.path("checks").get(0).path("verdict").asString()).isEqualTo("failed");
        assertThat(RunResultJson.read(json).checks()).isEqualTo(r.checks());
        assertThat(MarkdownReport.render(r)).contains("| validation | structural | failed | missing required agents: review |");
    }

    @Test
    void a_failed_quantitative_threshold_says_the_value_and_the_threshold() {
        models.reply("a", "x");
        EnsembleSpec spec = Specs.yaml("""
                name: q
                validation:
                  quantitative:
                    - {metric: agent_count, threshold: "> 3", description: many}
                    - {metric: tokens, description: unknown metric}
                agents:
                  - {name: a, model_profile: fast}
                """);

        RunResult r = engine(List.of()).run(spec, "go");

        assertThat(r.checks()).singleElement().satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(c.messages()).containsExactly("metric 'agent_count' failed threshold: 1 not > 3",
                    "metric 'tokens' not found in results (known: execution_time, agent_count)");
        });
    }

    @Test
    void ensemble_output_schema_checks_the_deliverable_and_is_advisory() {
        String yaml = """
                name: typed
                output_schema:
                  type: object
                  required: [status]
                agents:
                  - {name: a, model_profile: fast}
                """;
        models.reply("a", "{\"state\": \"done\"}");
        RunResult bad = engine(List.of()).run(Specs.yaml(yaml), "go");
        assertThat(bad.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(bad.checks()).singleElement().satisfies(c -> {
            assertThat(c.block()).isEqualTo("output_schema");
            assertThat(c.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(String.join(" ", c.messages())).contains("status");
        });

        FakeModels good = new FakeModels().reply("a", "{\"status\": \"success\"}");
        RunResult ok = new EnsembleEngine(EngineOptions.builder(good).projectDir(project).build()).run(Specs.yaml(yaml), "go");
        assertThat(ok.checks()).extracting(CheckReport::verdict).containsExactly(Verdict.PASSED);
    }

    private static final String SEAT = """
            name: code-seat
            seat_contract:
              schema_validations:
                - {agent: seat, required_fields: [status, artifacts]}
              behavioral:
                - {name: success, description: ok, assertion: "results['seat']['status'] == 'success'"}
              structural:
                required_agents: [not-checked-by-a-seat-contract]
            agents:
              - {name: envelope, model_profile: fast}
            """;

    private RunResult runSeat(String envelope) {
        models.reply("envelope", envelope);
        EnsembleSpec seat = Specs.yaml(SEAT);
        EnsembleSpec serving = Specs.yaml("""
                name: serving
                agents:
                  - {name: route, model_profile: fast}
                  - {name: seat, dispatch: "${route.target}", depends_on: [route]}
                """);
        models.reply("route", "{\"target\": \"code-seat\"}");
        return engine(List.of(seat, serving)).run(serving, "build it");
    }

    @Test
    void a_seat_contract_admits_a_deliverable_that_meets_it() {
        RunResult r = runSeat("{\"status\": \"success\", \"artifacts\": [{\"path\": \"a.py\"}]}");
        AgentResult seat = r.agent("seat").orElseThrow();
        assertThat(seat.status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(seat.outputJson().path("status").asString()).isEqualTo("success");
    }

    @Test
    void a_seat_contract_refuses_a_deliverable_that_does_not_meet_it() {
        RunResult r = runSeat("{\"status\": \"success\"}");
        AgentResult seat = r.agent("seat").orElseThrow();
        assertThat(seat.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(seat.error().code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(seat.error().message()).isEqualTo("agent 'seat': the output of ensemble 'code-seat' does not meet "
                + "its seat_contract: agent seat missing required fields: artifacts");
        assertThat(seat.childRun().status()).as("the child run is still recorded").isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void raw_output_hands_the_calling_agent_the_childs_whole_result() {
        models.reply("first", "one").reply("second", "two");
        String child = """
                name: child
                raw_output: %s
                agents:
                  - {name: first, model_profile: fast}
                  - {name: second, model_profile: fast}
                """;
        EnsembleSpec parent = Specs.yaml("name: parent\nagents:\n  - {name: sub, ensemble: child}\n",
                EnsembleCatalog.of(List.of(Specs.yaml(child.formatted("false")))));

        RunResult summarized = engine(List.of(Specs.yaml(child.formatted("false")))).run(parent, "go");
        RunResult raw = engine(List.of(Specs.yaml(child.formatted("true")))).run(parent, "go");

        assertThat(summarized.agent("sub").orElseThrow().output()).isEqualTo("two");
        AgentResult sub = raw.agent("sub").orElseThrow();
        assertThat(sub.outputJson().path("ensemble").asString()).isEqualTo("child");
        assertThat(sub.outputJson().path("status").asString()).isEqualTo("completed");
        assertThat(sub.outputJson().path("results").propertyNames()).containsExactly("first", "second");
        assertThat(sub.outputJson().at("/results/first/response").asString()).isEqualTo("one");
        assertThat(sub.outputJson().at("/results/second/response").asString()).isEqualTo("two");
        assertThat(sub.outputJson().at("/results/second/status").asString()).isEqualTo("completed");
    }

    @Test
    void test_mode_answers_simulated_agents_from_cached_responses_without_a_model() {
        String yaml = """
                name: simulated
                test_mode:
                  enabled: %s
                  llm_simulation:
                    - agent: user
                      model: qwen3:0.6b
                      cached_responses:
                        "what next?": "ship it"
                agents:
                  - {name: user, model_profile: fast}
                """;
        models.reply("user", "from the model");

        RunResult on = engine(List.of()).run(Specs.yaml(yaml.formatted("true")), "what next?");
        assertThat(on.agent("user").orElseThrow().output()).isEqualTo("ship it");
        assertThat(models.requestsOf("user")).isEmpty();

        RunResult miss = engine(List.of()).run(Specs.yaml(yaml.formatted("true")), "something else");
        assertThat(miss.agent("user").orElseThrow().error().message()).contains(
                "test_mode has no cached response for input 'something else'", "[what next?]");

        RunResult off = engine(List.of()).run(Specs.yaml(yaml.formatted("false")), "what next?");
        assertThat(off.agent("user").orElseThrow().output()).isEqualTo("from the model");
    }
}
