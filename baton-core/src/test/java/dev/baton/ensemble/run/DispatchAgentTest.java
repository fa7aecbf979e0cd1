package dev.baton.ensemble.run;

import dev.baton.artifact.internal.MarkdownReport;
import dev.baton.ensemble.FakeModels;
import dev.baton.ensemble.Specs;
import dev.baton.ensemble.load.EnsembleCatalog;
import dev.baton.ensemble.load.EnsembleParser;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dispatch: "${agent.field}"}: the child ensemble is named at run time and admitted like a static child. */
class DispatchAgentTest {

    @TempDir
    Path project;

    private final FakeModels models = new FakeModels();
    private final List<EnsembleSpec> known = new ArrayList<>();

    private static final String SERVING = """
            name: serving
            agents:
              - {name: route, model_profile: fast}
              - {name: other, model_profile: fast}
              - name: seat
                dispatch: "${route.target}"
                depends_on: [route]
              - {name: after, model_profile: fast, depends_on: [seat, other]}
            """;

    private EnsembleEngine engine(int maxDepth) {
        return new EnsembleEngine(EngineOptions.builder(models).projectDir(project).userScriptsDir(null)
                .catalog(EnsembleCatalog.of(known)).maxDepth(maxDepth).build());
    }

    private RunResult runRoutedTo(String target) {
        return runRoutedTo(target, 5);
    }

    private RunResult runRoutedTo(String target, int maxDepth) {
        models.reply("route", "{\"target\": \"" + target + "\"}").reply("other", "other done").reply("after", "after done");
        EnsembleSpec serving = Specs.yaml(SERVING);
        known.add(serving);
        return engine(maxDepth).run(serving, "write a prime checker");
    }

    private static AgentResult agent(RunResult r, String name) {
        return r.agent(name).orElseThrow();
    }

    /** The rest of the run went on: the other agents ran and the dependent saw what completed. */
    private void assertRestOfRunIntact(RunResult r) {
        assertThat(agent(r, "route").status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(agent(r, "other").status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(agent(r, "after").status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(agent(r, "after").output()).isEqualTo("after done");
        assertThat(r.totals().failed()).isEqualTo(1);
        RunResult back = RunResultJson.read(RunResultJson.write(r));
        assertThat(back.agents()).extracting(AgentResult::name, AgentResult::status)
                .containsExactlyElementsOf(r.agents().stream().map(a -> org.assertj.core.groups.Tuple.tuple(a.name(), a.status())).toList());
        assertThat(MarkdownReport.render(r)).contains("### seat — failed", "### other — completed");
        var ref = new dev.baton.artifact.internal.ArtifactWriter(project.resolve("artifacts"), null, java.time.ZoneOffset.UTC).write(r);
        try {
            var written = RunResultJson.read(new tools.jackson.databind.ObjectMapper().readTree(
                    java.nio.file.Files.readString(ref.executionJson())));
            assertThat(written.agents()).extracting(AgentResult::name, AgentResult::status)
                    .containsExactlyElementsOf(r.agents().stream()
                            .map(a -> org.assertj.core.groups.Tuple.tuple(a.name(), a.status())).toList());
            assertThat(written.agent("after").orElseThrow().output()).isEqualTo("after done");
            assertThat(written.agent("seat").orElseThrow().error()).isEqualTo(agent(r, "seat").error());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void the_resolved_target_runs_as_a_child_recorded_in_the_result_and_artifacts() {
        models.reply("code", "def is_prime(n): ...");
        known.add(Specs.yaml("name: code-seat\nagents:\n  - {name: code, model_profile: fast}\n"));
        known.add(Specs.yaml("name: explainer\nagents:\n  - {name: explain, model_profile: fast}\n"));

        RunResult r = runRoutedTo("code-seat");

        AgentResult seat = agent(r, "seat");
        assertThat(seat.status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(seat.output()).isEqualTo("def is_prime(n): ...");
        assertThat(models.requestsOf("explain")).isEmpty();
        assertThat(models.requestsOf("code").get(0).lastUserText()).contains("write a prime checker");
        assertThat(seat.childRun().ensemble()).isEqualTo("code-seat");
        assertThat(seat.childRun().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(seat.childRun().dispatch()).isEqualTo("${route.target}");
        assertThat(seat.childRun().runId()).isNotEqualTo(r.runId());
        var json = RunResultJson.write(r);
        assertThat(json.path("agents").path("seat").path("child_run").path("ensemble").asString()).isEqualTo("code-seat");
        assertThat(RunResultJson.read(json).agent("seat").orElseThrow().childRun()).isEqualTo(seat.childRun());
        assertThat(MarkdownReport.render(r)).contains("Child run: ensemble `code-seat` (dispatched by `${route.target}`)");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void an_unknown_target_fails_the_agent_naming_it_and_the_run_stays_consistent() {
        RunResult r = runRoutedTo("no-such-seat");

        AgentResult seat = agent(r, "seat");
        assertThat(seat.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(seat.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(seat.error().message()).contains("agent 'seat'", "dispatch '${route.target}'",
                "resolved to ensemble 'no-such-seat'", "unknown ensemble 'no-such-seat'");
        assertThat(seat.childRun()).isNull();
        assertRestOfRunIntact(r);
    }

    @Test
    void a_target_that_is_the_running_ensemble_is_a_cycle() {
        RunResult r = runRoutedTo("serving");

        AgentResult seat = agent(r, "seat");
        assertThat(seat.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(seat.error().code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(seat.error().message()).contains("resolved to ensemble 'serving'",
                "cross-ensemble cycle: serving -> serving");
        assertRestOfRunIntact(r);
    }

    @Test
    void a_target_that_leads_back_to_a_running_ensemble_is_a_cycle() {
        known.add(Specs.yaml("name: seat-wrapper\nagents:\n  - {name: again, ensemble: serving}\n",
                name -> name.equals("serving") ? java.util.Optional.of(Specs.yaml(SERVING)) : java.util.Optional.empty()));

        RunResult r = runRoutedTo("seat-wrapper");

        AgentResult seat = agent(r, "seat");
        assertThat(seat.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(seat.error().message()).contains("resolved to ensemble 'seat-wrapper'",
                "cross-ensemble cycle: serving -> seat-wrapper -> serving");
        assertThat(models.requestsOf("again")).isEmpty();
        assertRestOfRunIntact(r);
    }

    @Test
    void a_target_that_fails_validation_is_refused_before_it_runs() {
        EnsembleParser.Parsed broken = new EnsembleParser().parse(
                "name: broken-seat\nagents:\n  - {name: code, model_profile: no-such-profile}\n", null);
        assertThat(broken.ok()).isTrue();
        known.add(broken.spec());

        RunResult r = runRoutedTo("broken-seat");

        AgentResult seat = agent(r, "seat");
        assertThat(seat.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(seat.error().code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(seat.error().message()).contains("resolved to ensemble 'broken-seat'", "which is refused",
                "unknown model profile 'no-such-profile'");
        assertThat(models.requestsOf("code")).isEmpty();
        assertRestOfRunIntact(r);
    }

    @Test
    void a_target_nested_past_the_depth_limit_is_refused() {
        known.add(Specs.yaml("name: leaf\nagents:\n  - {name: code, model_profile: fast}\n"));
        known.add(Specs.yaml("name: middle\nagents:\n  - {name: inner, ensemble: leaf}\n", EnsembleCatalog.of(known)));

        RunResult r = runRoutedTo("middle", 1);

        AgentResult seat = agent(r, "seat");
        assertThat(seat.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(seat.error().message()).contains("resolved to ensemble 'middle'",
                "nesting depth 2 exceeds the limit of 1: serving -> middle -> leaf");
        assertRestOfRunIntact(r);
    }

    @Test
    void a_missing_field_fails_the_agent_saying_what_the_reference_read() {
        RunResult r = runRoutedTo("x");
        assertThat(agent(r, "seat").status()).isEqualTo(AgentStatus.FAILED);

        FakeModels fresh = new FakeModels();
        fresh.reply("route", "{\"kind\": \"code\"}").reply("other", "o").reply("after", "a");
        EnsembleSpec serving = Specs.yaml(SERVING);
        RunResult r2 = new EnsembleEngine(EngineOptions.builder(fresh).projectDir(project).userScriptsDir(null)
                .catalog(EnsembleCatalog.of(List.of(serving))).build()).run(serving, "hi");
        assertThat(r2.agent("seat").orElseThrow().error().message())
                .contains("dispatch '${route.target}' resolved to no ensemble name", "'route.target' is missing");
    }

    @Test
    void a_plain_name_target_is_known_before_the_run_and_checked_when_the_ensemble_loads() {
        var parsed = new EnsembleParser().parse("name: fixed\nagents:\n  - {name: seat, dispatch: ghost-seat}\n", null);
        var problems = new dev.baton.ensemble.load.EnsembleValidator(dev.baton.ensemble.load.EnsembleValidator.Options
                .defaults().withCatalog(EnsembleCatalog.of(List.of()))).validate(parsed.spec());
        assertThat(problems).extracting(dev.baton.ensemble.load.Problem::toString)
                .containsExactly("<fixed>:3: agent 'seat': unknown ensemble 'ghost-seat'");
    }
}
