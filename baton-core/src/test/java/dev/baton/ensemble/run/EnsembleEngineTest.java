package dev.baton.ensemble.run;

import dev.baton.ensemble.FakeModels;
import dev.baton.ensemble.Specs;
import dev.baton.ensemble.load.EnsembleCatalog;
import dev.baton.ensemble.load.EnsembleDefinitionException;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ResponseFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleEngineTest {

    @TempDir
    Path project;

    private final FakeModels models = new FakeModels();

    private EnsembleEngine engine() {
        return engine(EnsembleCatalog.empty());
    }

    private EnsembleEngine engine(EnsembleCatalog catalog) {
        return new EnsembleEngine(EngineOptions.builder(models).projectDir(project).userScriptsDir(null)
                .catalog(catalog).build());
    }

    private static AgentResult agent(RunResult r, String name) {
        return r.agent(name).orElseThrow();
    }

    @Test
    void agent_over_its_deadline_fails_and_its_sibling_succeeds() {
        models.replyAfter("slow", Duration.ofSeconds(20), "too late").reply("quick", "done");
        EnsembleSpec spec = Specs.yaml("""
                name: iso
                agents:
                  - {name: slow, model_profile: fast, timeout_seconds: 0.3}
                  - {name: quick, model_profile: fast}
                """);
        long t0 = System.nanoTime();
        RunResult r = engine().run(spec, "go");
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(agent(r, "slow").status()).isEqualTo(AgentStatus.FAILED);
        assertThat(agent(r, "slow").error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(models.requestsOf("slow").get(0).policy().timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(agent(r, "quick").status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(r.deliverable()).isEqualTo("quick");
        assertThat(ms).as("run does not wait for the stuck agent").isLessThan(5_000);
    }

    @Test
    void profile_timeout_applies_when_the_agent_sets_none() {
        models.profileTimeout("fast", Duration.ofMillis(200)).replyAfter("a", Duration.ofSeconds(20), "late");
        RunResult r = engine().run(Specs.yaml("name: t\nagents:\n  - {name: a, model_profile: fast}\n"), "x");
        assertThat(agent(r, "a").error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(models.requestsOf("a").get(0).policy().timeout()).as("the profile's own timeout applies").isNull();
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void a_wide_fan_out_resolves_its_profile_timeout_once_per_run() {
        models.profileTimeout("fast", Duration.ofSeconds(30));
        StringBuilder yaml = new StringBuilder("name: wide\nagents:\n");
        for (int i = 0; i < 20; i++) yaml.append("  - {name: r").append(i).append(", model_profile: fast}\n");
        yaml.append("  - {name: s, model_profile: smart}\n");
        for (int i = 0; i < 20; i++) models.reply("r" + i, "ok");
        models.reply("s", "ok");

        RunResult first = engine().run(Specs.yaml(yaml.toString()), "x");
        RunResult second = engine().run(Specs.yaml(yaml.toString()), "x");

        assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(models.profileTimeoutLookups).as("once per profile per run, not once per agent").hasValue(4);
    }

    @Test
    void dependents_see_only_completed_dependencies_by_default() {
        models.fail("a", ErrorCode.PROVIDER_ERROR).reply("b", "B-OUTPUT").reply("c", "summary");
        EnsembleSpec spec = Specs.yaml("""
                name: deps
                agents:
                  - {name: a, model_profile: fast}
                  - {name: b, model_profile: fast}
                  - {name: c, model_profile: fast, depends_on: [a, b]}
                """);
        RunResult r = engine().run(spec, "the task");

        assertThat(agent(r, "c").status()).isEqualTo(AgentStatus.COMPLETED);
        String prompt = models.requestsOf("c").get(0).lastUserText();
        assertThat(prompt).startsWith("the task").contains("### b\nB-OUTPUT").doesNotContain("### a");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(r.deliverable()).isEqualTo("c");
    }

    @Test
    void on_dependency_failure_skip_skips_the_dependent() {
        models.fail("a", ErrorCode.PROVIDER_ERROR).reply("b", "ok");
        EnsembleSpec spec = Specs.yaml("""
                name: deps
                agents:
                  - {name: a, model_profile: fast}
                  - {name: b, model_profile: fast}
                  - {name: c, model_profile: fast, depends_on: [a, b], on_dependency_failure: skip}
                """);
        RunResult r = engine().run(spec, "x");

        assertThat(agent(r, "c").status()).isEqualTo(AgentStatus.SKIPPED);
        assertThat(agent(r, "c").skipReason()).contains("dependency 'a' failed");
        assertThat(models.requestsOf("c")).isEmpty();
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(r.deliverable()).isEqualTo("b");
    }

    @Test
    void fan_out_gathers_instances_as_a_json_array_with_their_status() {
        models.reply("split", "```json\n[\"alpha\", \"beta\", \"gamma\"]\n```")
                .replyWith("work", Duration.ZERO, req -> {
                    if (req.lastUserText().contains("beta")) throw new BatonException(ErrorCode.PROVIDER_ERROR, "beta broke");
                    return "done " + req.lastUserText();
                });
        EnsembleSpec spec = Specs.yaml("""
                name: fan
                agents:
                  - {name: split, model_profile: fast}
                  - {name: work, model_profile: fast, depends_on: [split], fan_out: true}
                """);
        RunResult r = engine().run(spec, "x");

        AgentResult work = agent(r, "work");
        assertThat(work.status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(work.outputJson().isArray()).isTrue();
        assertThat(work.outputJson()).hasSize(3);
        assertThat(work.outputJson().get(0).get("status").asString()).isEqualTo("completed");
        assertThat(work.outputJson().get(0).get("output").asString()).isEqualTo("done alpha");
        assertThat(work.outputJson().get(1).get("status").asString()).isEqualTo("failed");
        assertThat(work.outputJson().get(1).get("error").get("code").asString()).isEqualTo("PROVIDER_ERROR");
        assertThat(work.outputJson().get(2).get("output").asString()).isEqualTo("done gamma");
        assertThat(work.error().message()).contains("1 of 3 instances failed");
        assertThat(models.requestsOf("work")).extracting(q -> q.metadata().get("fan_out_index"))
                .containsExactlyInAnyOrder("0", "1", "2");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
    }

    @Test
    void fan_out_accepts_a_data_wrapper_and_input_key() {
        models.reply("route", "{\"files\": {\"data\": [1, 2]}, \"note\": \"n\"}")
                .replyWith("each", Duration.ZERO, req -> "seen " + req.lastUserText());
        EnsembleSpec spec = Specs.yaml("""
                name: fan
                agents:
                  - {name: route, model_profile: fast}
                  - {name: each, model_profile: fast, depends_on: [route], fan_out: true, input_key: files}
                """);
        RunResult r = engine().run(spec, "x");
        assertThat(agent(r, "each").outputJson().toString())
                .isEqualTo("[{\"index\":0,\"status\":\"completed\",\"output\":\"seen 1\"},"
                        + "{\"index\":1,\"status\":\"completed\",\"output\":\"seen 2\"}]");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void when_guards_skip_agents_whose_condition_is_false() {
        models.reply("gate", "{\"approved\": false, \"tier\": \"gold\"}");
        EnsembleSpec spec = Specs.yaml("""
                name: guard
                agents:
                  - {name: gate, model_profile: fast}
                  - {name: publish, model_profile: fast, depends_on: [gate], when: "${gate.approved}"}
                  - {name: revise, model_profile: fast, depends_on: [gate], when: "${gate.approved} == false"}
                  - {name: vip, model_profile: fast, depends_on: [gate], when: "${gate.tier} != 'gold'"}
                """);
        RunResult r = engine().run(spec, "x");

        assertThat(agent(r, "publish").status()).isEqualTo(AgentStatus.SKIPPED);
        assertThat(agent(r, "publish").skipReason()).isEqualTo("when '${gate.approved}' is false");
        assertThat(agent(r, "revise").status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(agent(r, "vip").status()).isEqualTo(AgentStatus.SKIPPED);
        assertThat(models.requestsOf("publish")).isEmpty();
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void input_key_makes_a_field_of_a_json_output_the_input() {
        models.reply("route", "{\"summary\": \"just the summary\", \"raw\": \"long text\"}").reply("use", "ok");
        EnsembleSpec spec = Specs.yaml("""
                name: key
                agents:
                  - {name: route, model_profile: fast}
                  - {name: use, model_profile: fast, depends_on: [route], input_key: summary}
                """);
        engine().run(spec, "x");
        assertThat(models.requestsOf("use").get(0).lastUserText()).isEqualTo("just the summary");
    }

    @Test
    void loop_runs_its_body_until_the_condition_holds_carrying_fields_forward() {
        models.reply("draft", "{\"done\": false, \"text\": \"v1\"}").reply("draft", "{\"done\": false, \"text\": \"v2\"}")
                .reply("draft", "{\"done\": true, \"text\": \"v3\"}");
        EnsembleSpec body = Specs.yaml("name: refine\nagents:\n  - {name: draft, model_profile: fast}\n");
        EnsembleCatalog catalog = EnsembleCatalog.of(List.of(body));
        EnsembleSpec spec = Specs.yaml("""
                name: looped
                agents:
                  - name: improve
                    loop: {body: refine, until: "${done}", max_iterations: 5, carry: "${text}"}
                """, catalog);
        RunResult r = engine(catalog).run(spec, "start");

        AgentResult improve = agent(r, "improve");
        assertThat(improve.status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(improve.outputJson().get("iterations").asInt()).isEqualTo(3);
        assertThat(improve.outputJson().get("terminated").asString()).isEqualTo("until");
        assertThat(improve.outputJson().get("output").get("text").asString()).isEqualTo("v3");
        assertThat(models.requestsOf("draft")).extracting(ChatRequest::lastUserText).containsExactly("start", "v1", "v2");
        assertThat(improve.usage().totalTokens()).isEqualTo(45);
    }

    @Test
    void loop_stops_at_max_iterations() {
        models.reply("draft", "{\"done\": false}");
        EnsembleSpec body = Specs.yaml("name: refine\nagents:\n  - {name: draft, model_profile: fast}\n");
        EnsembleCatalog catalog = EnsembleCatalog.of(List.of(body));
        EnsembleSpec spec = Specs.yaml("name: l\nagents:\n  - name: improve\n    loop: {body: refine, until: \"${done}\", max_iterations: 2}\n", catalog);
        RunResult r = engine(catalog).run(spec, "start");
        assertThat(agent(r, "improve").outputJson().get("iterations").asInt()).isEqualTo(2);
        assertThat(agent(r, "improve").outputJson().get("terminated").asString()).isEqualTo("exhausted");
    }

    @Test
    void ensemble_agent_delivers_its_child_ensembles_deliverable() {
        models.reply("inner", "inner result").reply("outer", "final");
        EnsembleSpec child = Specs.yaml("name: child\nagents:\n  - {name: inner, model_profile: fast}\n");
        EnsembleCatalog catalog = EnsembleCatalog.of(List.of(child));
        EnsembleSpec spec = Specs.yaml("""
                name: parent
                agents:
                  - {name: sub, ensemble: child}
                  - {name: outer, model_profile: fast, depends_on: [sub]}
                """, catalog);
        RunResult r = engine(catalog).run(spec, "task");
        assertThat(agent(r, "sub").output()).isEqualTo("inner result");
        assertThat(models.requestsOf("outer").get(0).lastUserText()).contains("### sub\ninner result");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void a_child_runs_usage_reaches_the_parent_agent_call_by_call_while_it_runs() {
        models.reply("draft", "{\"done\": false}").reply("draft", "{\"done\": true}");
        EnsembleSpec body = Specs.yaml("name: refine\nagents:\n  - {name: draft, model_profile: fast}\n");
        EnsembleCatalog catalog = EnsembleCatalog.of(List.of(body));
        EnsembleSpec spec = Specs.yaml("name: l\nagents:\n  - name: improve\n    loop: {body: refine, until: \"${done}\", max_iterations: 5}\n", catalog);
        List<RunEvent.UsageRecorded> usage = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunListener listener = event -> {
            if (event instanceof RunEvent.UsageRecorded u) {
                usage.add(u);
                order.add("usage");
            } else if (event instanceof RunEvent.AgentCompleted c && c.result().name().equals("improve")) {
                order.add("improve completed");
            }
        };

        RunResult r = engine(catalog).run(spec, "start", listener);

        assertThat(usage).hasSize(2).allSatisfy(u -> {
            assertThat(u.agent()).isEqualTo("improve");
            assertThat(u.model()).doesNotStartWith("ensemble:");
        });
        assertThat(order).containsExactly("usage", "usage", "improve completed");
        long forwarded = usage.stream().mapToLong(u -> u.usage().totalTokens()).sum();
        assertThat(agent(r, "improve").usage().totalTokens()).isEqualTo(forwarded).isPositive();
        assertThat(r.totals().usage().totalTokens()).isEqualTo(forwarded);
    }

    @Test
    void cancel_stops_running_agents_and_records_them_cancelled() throws Exception {
        models.replyAfter("slow", Duration.ofSeconds(30), "never").reply("after", "never");
        EnsembleSpec spec = Specs.yaml("""
                name: c
                agents:
                  - {name: slow, model_profile: fast}
                  - {name: after, model_profile: fast, depends_on: [slow]}
                """);
        CountDownLatch started = new CountDownLatch(1);
        RunHandle h = engine().start(spec, "x", e -> {
            if (e instanceof RunEvent.AgentStarted) started.countDown();
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        h.cancel();
        RunResult r = h.await(Duration.ofSeconds(5)).orElseThrow();

        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3_000);
        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(agent(r, "slow").status()).isEqualTo(AgentStatus.CANCELLED);
        assertThat(agent(r, "after").status()).isEqualTo(AgentStatus.CANCELLED);
        assertThat(models.requestsOf("after")).isEmpty();
    }

    @Test
    void an_llm_agent_calls_its_model_on_its_own_thread() {
        java.util.Map<String, Thread> started = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Map<String, Thread> called = new java.util.concurrent.ConcurrentHashMap<>();
        for (String name : List.of("a", "b")) {
            models.replyWith(name, Duration.ZERO, rq -> {
                called.put(name, Thread.currentThread());
                return name + " done";
            });
        }
        EnsembleSpec spec = Specs.yaml("""
                name: t
                agents:
                  - {name: a, model_profile: fast}
                  - {name: b, model_profile: fast, depends_on: [a]}
                """);
        RunResult r = engine().run(spec, "x", e -> {
            if (e instanceof RunEvent.AgentStarted s) started.put(s.agent(), Thread.currentThread());
        });

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        // one thread per LLM agent: the attempt runs where the agent started, not on a second thread
        assertThat(called.get("a")).isSameAs(started.get("a"));
        assertThat(called.get("b")).isSameAs(started.get("b")).isNotSameAs(called.get("a"));
    }

    @Test
    void cancelling_a_run_interrupts_an_llm_agent_waiting_on_its_model() throws Exception {
        CountDownLatch calling = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        models.replyWith("slow", Duration.ZERO, rq -> {
            calling.countDown();
            try {
                Thread.sleep(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "never";
        });
        EnsembleSpec spec = Specs.yaml("name: c\nagents:\n  - {name: slow, model_profile: fast}\n");
        RunHandle h = engine().start(spec, "x");
        assertThat(calling.await(5, TimeUnit.SECONDS)).isTrue();
        h.cancel();
        RunResult r = h.await(Duration.ofSeconds(5)).orElseThrow();

        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(agent(r, "slow").status()).isEqualTo(AgentStatus.CANCELLED);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void interrupting_the_waiting_thread_cancels_the_run() throws Exception {
        models.replyAfter("slow", Duration.ofSeconds(30), "never");
        EnsembleSpec spec = Specs.yaml("name: c\nagents:\n  - {name: slow, model_profile: fast}\n");
        List<RunResult> out = new CopyOnWriteArrayList<>();
        Thread caller = Thread.ofVirtual().start(() -> out.add(engine().run(spec, "x")));
        Thread.sleep(200);
        caller.interrupt();
        caller.join(5_000);
        assertThat(out).singleElement().extracting(RunResult::status).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void ready_queue_starts_an_agent_as_soon_as_its_own_dependencies_finish() {
        models.replyAfter("quick", Duration.ofMillis(50), "q").replyAfter("slow", Duration.ofMillis(1500), "s")
                .replyAfter("next", Duration.ofMillis(50), "n");
        EnsembleSpec spec = Specs.yaml("""
                name: rq
                agents:
                  - {name: quick, model_profile: fast}
                  - {name: slow, model_profile: fast}
                  - {name: next, model_profile: fast, depends_on: [quick]}
                """);
        RunResult r = engine().run(spec, "x");

        Instant slowEnd = agent(r, "slow").finishedAt();
        assertThat(agent(r, "next").startedAt()).isBefore(slowEnd);
        assertThat(agent(r, "next").finishedAt()).isBefore(slowEnd);
        assertThat(r.executionOrder()).containsExactlyInAnyOrder("quick", "slow", "next");
    }

    @Test
    void max_concurrency_bounds_agents_in_flight() {
        models.replyAfter("*", Duration.ofMillis(100), "ok");
        StringBuilder yaml = new StringBuilder("name: bounded\nmax_concurrency: 2\nagents:\n");
        for (int i = 0; i < 8; i++) yaml.append("  - {name: a").append(i).append(", model_profile: fast}\n");
        RunResult r = engine().run(Specs.yaml(yaml.toString()), "x");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(models.maxInFlight()).isEqualTo(2);
    }

    @Test
    void an_llm_agent_makes_one_attempt_with_retries_fallback_and_timeout_on_its_request() {
        models.fail("a", ErrorCode.PROVIDER_ERROR).reply("a", "never reached");
        RunResult r = engine().run(Specs.yaml("name: r\nagents:\n  - {name: a, model_profile: fast, retries: 2, "
                + "fallback_model_profile: backup, timeout_seconds: 5}\n"), "x");

        AgentResult a = agent(r, "a");
        assertThat(a.status()).as("retries are the pipeline's, not the engine's").isEqualTo(AgentStatus.FAILED);
        assertThat(a.attempts()).isEqualTo(1);
        assertThat(models.requestsOf("a")).singleElement().satisfies(q -> assertThat(q.policy())
                .isEqualTo(new dev.baton.llm.CallPolicy(3, List.of("backup"), Duration.ofSeconds(5))));
        assertThat(models.profilesUsed).containsExactly("fast");
    }

    @Test
    void models_without_a_validation_layer_get_the_pipelines_one_from_the_engine() {
        models.reply("a", "{\"score\": \"high\"}");
        RunResult r = engine().run(Specs.yaml("""
                name: s
                agents:
                  - name: a
                    model_profile: fast
                    output_schema: {type: object, properties: {score: {type: integer}}}
                """), "x");
        assertThat(agent(r, "a").status()).isEqualTo(AgentStatus.FAILED);
        assertThat(agent(r, "a").error().code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(agent(r, "a").error().message()).contains("does not match the required JSON schema").contains("score");
        assertThat(models.requestsOf("a")).as("the answer and one repair").hasSize(2);
    }

    @Test
    void request_carries_the_agents_settings_metadata_and_deadline() {
        models.reply("a", "{\"score\": 3}");
        EnsembleSpec spec = Specs.yaml("""
                name: req
                agents:
                  - name: a
                    model: llama3
                    provider: ollama
                    system_prompt: Be terse.
                    temperature: 0.1
                    max_tokens: 50
                    options: {num_ctx: 4096}
                    timeout_seconds: 7
                    output_schema: {type: object, required: [score], properties: {score: {type: integer}}}
                """);
        Instant before = Instant.now();
        RunResult r = engine().run(spec, "rate it");
        ChatRequest q = models.requestsOf("a").get(0);

        assertThat(q.messages().get(0).text()).isEqualTo("Be terse.");
        assertThat(q.lastUserText()).isEqualTo("rate it");
        assertThat(q.model()).isEqualTo("llama3");
        assertThat(q.temperature()).isEqualTo(0.1);
        assertThat(q.maxTokens()).isEqualTo(50);
        assertThat(q.options()).containsEntry("num_ctx", 4096);
        assertThat(q.responseFormat().kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
        assertThat(q.responseFormat().schemaJson()).contains("\"score\"");
        assertThat(q.metadata()).containsEntry("agent", "a").containsEntry("ensemble", "req")
                .containsEntry("run_id", r.runId());
        assertThat(q.deadline()).isBetween(before.plusSeconds(6), Instant.now().plusSeconds(7));
        assertThat(agent(r, "a").outputJson().get("score").asInt()).isEqualTo(3);
    }



    @Test
    void budget_stops_agents_once_spent() {
        models.reply("*", "ok");
        EnsembleSpec spec = Specs.yaml("""
                name: b
                budget: {tokens: 20}
                agents:
                  - {name: a, model_profile: fast}
                  - {name: b, model_profile: fast, depends_on: [a]}
                  - {name: c, model_profile: fast, depends_on: [b]}
                """);
        RunResult r = engine().run(spec, "x");
        assertThat(agent(r, "b").status()).isEqualTo(AgentStatus.COMPLETED);
        assertThat(agent(r, "c").status()).isEqualTo(AgentStatus.FAILED);
        assertThat(agent(r, "c").error().code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
        assertThat(r.totals().usage().totalTokens()).isEqualTo(30);
    }

    @Test
    void deliverable_names_the_agent_whose_output_is_the_result() {
        models.reply("a", "A").reply("b", "B");
        RunResult r = engine().run(Specs.yaml("""
                name: d
                deliverable: a
                agents:
                  - {name: a, model_profile: fast}
                  - {name: b, model_profile: fast}
                """), "x");
        assertThat(r.deliverable()).isEqualTo("a");
        assertThat(r.deliverableOutput()).isEqualTo("A");
    }

    @Test
    void listeners_receive_every_event_in_order() {
        models.reply("a", "A").fail("b", ErrorCode.PROVIDER_ERROR);
        List<String> types = new CopyOnWriteArrayList<>();
        engine().run(Specs.yaml("""
                name: ev
                agents:
                  - {name: a, model_profile: fast}
                  - {name: b, model_profile: fast, depends_on: [a]}
                  - {name: c, model_profile: fast, depends_on: [b], on_dependency_failure: skip}
                """), "x", e -> types.add(e.type()));
        assertThat(types).containsExactly("run_started", "agent_started", "usage", "agent_completed", "agent_started",
                "agent_failed", "agent_skipped", "run_completed");
    }

    @Test
    void a_thousand_agents_run_on_the_critical_path() {
        models.replyAfter("*", Duration.ofMillis(100), "ok");
        StringBuilder yaml = new StringBuilder("name: big\nagents:\n");
        StringBuilder deps = new StringBuilder();
        for (int i = 0; i < 998; i++) {
            yaml.append("  - {name: r").append(i).append(", model_profile: fast}\n");
            deps.append(i == 0 ? "" : ", ").append('r').append(i);
        }
        yaml.append("  - {name: synth, model_profile: fast, depends_on: [").append(deps).append("]}\n");
        yaml.append("  - {name: editor, model_profile: fast, depends_on: [synth]}\n");
        EnsembleSpec spec = Specs.yaml(yaml.toString());
        engine().run(spec, "warm-up");
        long t0 = System.nanoTime();
        RunResult r = engine().run(spec, "x");
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.deliverable()).isEqualTo("editor");
        assertThat(ms).as("critical path is 300 ms").isLessThan(2_000);
    }

    @Test
    void engine_refuses_a_spec_that_cannot_run() {
        EnsembleSpec cyclic = EnsembleSpec.of("bad", List.of(
                AgentSpec.builder("a").index(0).modelProfile("fast").dependsOn("b").build(),
                AgentSpec.builder("b").index(1).modelProfile("fast").dependsOn("a").build()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine().start(cyclic, "x"))
                .isInstanceOf(EnsembleDefinitionException.class).hasMessageContaining("a -> b -> a");
    }
}
