package dev.baton.ensemble.run;

import dev.baton.ensemble.PipelineModels;
import dev.baton.ensemble.Specs;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.error.ErrorCode;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.pipeline.RetryPolicy;
import dev.baton.provider.scripted.ScriptedChatModel;
import dev.baton.provider.scripted.ScriptedScriptLoader;
import dev.baton.testkit.CapturingLedger;
import dev.baton.tool.AuditLog;
import dev.baton.tool.FunctionTool;
import dev.baton.tool.NonInteractiveApprover;
import dev.baton.tool.ToolCallRecord;
import dev.baton.tool.ToolPermissions;
import dev.baton.tool.ToolPolicy;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.builtin.BuiltinSettings;
import dev.baton.tool.builtin.BuiltinTools;
import dev.baton.tool.internal.DefaultTools;
import dev.baton.tool.internal.WorkspaceSandbox;
import dev.baton.usage.UsageRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LLM agents with {@code tools:} run a tool loop over their pipeline model: the scripted model
 * calls real built-in tools on a temporary workspace, the calls are recorded (redacted) in the
 * agent's result, its JSON and the run's events, usage sums every round, permissions layer
 * configuration → ensemble → agent, and the round limit fails the agent with its typed error.
 */
class EnsembleToolsTest {

    @TempDir
    Path workspace;

    private final CapturingLedger ledger = new CapturingLedger();
    private final MemoryAudit audit = new MemoryAudit();
    private final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void project() throws Exception {
        Files.writeString(workspace.resolve("README.md"), "# Demo\nA demo project about orchestration.\n");
        Files.createDirectories(workspace.resolve("docs"));
        Files.writeString(workspace.resolve("docs/guide.md"), "intro\nThe ToolLoop runs tools.\n");
    }

    private static final String READ_AND_SEARCH = """
            rules:
              - match: "."
                match_on: tool_results
                reply:
                  text: "README: {{tool_result:read_file}} | SEARCH: {{tool_result:search_text}}"
              - match: "(?i)explain"
                reply:
                  tool_calls:
                    - name: read_file
                      arguments: {path: README.md}
                    - name: search_text
                      arguments: {pattern: ToolLoop, path: docs}
            """;

    private static final String EXPLAINER = """
            name: explain
            agents:
              - name: a
                model_profile: main
                tools: [read_file, search_text]
            """;

    @Test
    void an_agent_with_tools_answers_from_read_file_and_search_text_and_records_every_call() {
        RunResult r = run(EXPLAINER, READ_AND_SEARCH, ToolPolicy.DEFAULT);

        AgentResult a = r.agent("a").orElseThrow();
        assertThat(a.status()).as(String.valueOf(a.error())).isEqualTo(AgentStatus.COMPLETED);
        assertThat(a.output()).contains("A demo project about orchestration.").contains("guide.md:2: The ToolLoop runs tools.");
        assertThat(a.toolCalls()).extracting(c -> c.call().tool()).containsExactly("read_file", "search_text");
        assertThat(a.toolCalls()).allSatisfy(c -> {
            assertThat(c.round()).isEqualTo(1);
            assertThat(c.call().outcome()).isEqualTo(ToolCallRecord.Outcome.OK);
            assertThat(c.call().outputBytes()).isPositive();
        });
        assertThat(ledger.records()).as("one pipeline call per round").hasSize(2);
        long ledgerTokens = ledger.records().stream().mapToLong(u -> u.inputTokens() + u.outputTokens()).sum();
        assertThat(a.usage().inputTokens() + a.usage().outputTokens()).as("usage summed over both rounds").isEqualTo(ledgerTokens);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.ToolCallStarted).hasSize(2);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.ToolCallFinished)
                .allSatisfy(e -> assertThat(((RunEvent.ToolCallFinished) e).agent()).isEqualTo("a")).hasSize(2);
        assertThat(audit.entries).extracting(AuditLog.Entry::agent).containsOnly("a");
        assertThat(audit.entries).extracting(AuditLog.Entry::runId).containsOnly(r.runId());
        assertThat(model.requests().getFirst().tools()).extracting(t -> t.name()).containsExactly("read_file", "search_text");
        assertThat(model.requests().getFirst().metadata()).containsEntry("tools", "read_file,search_text")
                .containsEntry("agent", "a");
    }

    @Test
    void the_run_json_records_each_call_with_secret_arguments_redacted() {
        String script = """
                rules:
                  - match: "."
                    match_on: tool_results
                    reply: {text: "found {{tool_result:lookup}}"}
                  - match: "."
                    reply:
                      tool_calls:
                        - name: lookup
                          arguments: {q: weather, api_key: "sk-live-abcdefghijklmnop1234", note: "Bearer abcdefghijklmnop"}
                """;
        RunResult r = run("""
                name: secrets
                agents:
                  - name: a
                    model_profile: main
                    tools: [lookup]
                """, script, ToolPolicy.DEFAULT);

        JsonNode call = RunResultJson.write(r).path("agents").path("a").path("tool_calls").get(0);
        assertThat(call.path("tool").asString()).isEqualTo("lookup");
        assertThat(call.path("round").asInt()).isEqualTo(1);
        assertThat(call.path("outcome").asString()).isEqualTo("ok");
        assertThat(call.path("output_bytes").asLong()).isEqualTo("sunny".length());
        assertThat(call.path("duration_ms").isIntegralNumber()).isTrue();
        assertThat(call.path("arguments").path("q").asString()).isEqualTo("weather");
        assertThat(call.path("arguments").path("api_key").asString()).isEqualTo("[redacted]");
        assertThat(call.path("arguments").path("note").asString()).isEqualTo("[redacted]");
        assertThat(RunResultJson.write(r).toString()).doesNotContain("sk-live-abcdefghijklmnop1234").doesNotContain("Bearer abc");
        AgentToolCall back = RunResultJson.read(RunResultJson.write(r)).agent("a").orElseThrow().toolCalls().getFirst();
        ToolCallRecord recorded = r.agent("a").orElseThrow().toolCalls().getFirst().call();
        assertThat(back.call()).as("read back, duration in whole ms")
                .isEqualTo(new ToolCallRecord(recorded.callId(), recorded.tool(), recorded.arguments(), recorded.started(),
                        Duration.ofMillis(recorded.duration().toMillis()), recorded.outcome(), recorded.outputBytes(),
                        recorded.truncated(), recorded.decidedBy()));
    }

    @Test
    void an_agent_cannot_widen_configuration_so_a_write_still_needs_approval_and_is_denied_and_audited() {
        String script = """
                rules:
                  - match: "."
                    match_on: tool_results
                    reply: {text: "result: {{tool_result:write_file}}"}
                  - match: "."
                    reply:
                      tool_calls:
                        - name: write_file
                          arguments: {path: out.txt, content: hello}
                """;
        RunResult r = run("""
                name: widen
                agents:
                  - name: a
                    model_profile: main
                    tools: [write_file]
                    tool_permissions: {mode: trust, allow: ["*"]}
                """, script, new ToolPolicy(ToolPolicy.Mode.TRUST, List.of("read_file"), List.of()));

        AgentResult a = r.agent("a").orElseThrow();
        assertThat(a.status()).isEqualTo(AgentStatus.COMPLETED);
        ToolCallRecord call = a.toolCalls().getFirst().call();
        assertThat(call.outcome()).isEqualTo(ToolCallRecord.Outcome.DENIED);
        assertThat(call.decidedBy()).isEqualTo(NonInteractiveApprover.DECIDED_BY);
        assertThat(a.output()).contains("needs approval");
        assertThat(workspace.resolve("out.txt")).doesNotExist();
        assertThat(audit.entries).singleElement().satisfies(e -> {
            assertThat(e.tool()).isEqualTo("write_file");
            assertThat(e.decision()).isEqualTo("denied");
        });
    }

    @Test
    void an_ensemble_level_deny_refuses_a_tool_configuration_trusts() {
        RunResult r = run("""
                name: denied
                tool_permissions: {deny: [search_text]}
                agents:
                  - name: a
                    model_profile: main
                    tools: [read_file, search_text]
                """, READ_AND_SEARCH.replace("(?i)explain", "."), new ToolPolicy(ToolPolicy.Mode.TRUST, List.of("*"), List.of()));

        AgentResult a = r.agent("a").orElseThrow();
        assertThat(a.toolCalls()).extracting(c -> c.call().tool() + "=" + c.call().outcome())
                .containsExactly("read_file=OK", "search_text=DENIED");
        assertThat(a.toolCalls().get(1).call().decidedBy()).isEqualTo("policy");
        assertThat(a.output()).contains("A demo project");
    }

    @Test
    void a_model_that_keeps_calling_tools_fails_the_agent_at_max_tool_rounds() {
        String script = """
                fallback:
                  tool_calls:
                    - name: read_file
                      arguments: {path: README.md}
                """;
        RunResult r = run("""
                name: loops
                agents:
                  - name: a
                    model_profile: main
                    tools: [read_file]
                    max_tool_rounds: 2
                """, script, ToolPolicy.DEFAULT);

        AgentResult a = r.agent("a").orElseThrow();
        assertThat(a.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(a.error().code()).isEqualTo(ErrorCode.AGENT_FAILURE);
        assertThat(a.error().message()).contains("max_tool_rounds = 2");
        assertThat(a.toolCalls()).extracting(AgentToolCall::round).containsExactly(1, 2);
        assertThat(ledger.records()).as("the model is asked max_tool_rounds + 1 times").hasSize(3);
        assertThat(a.usage().outputTokens()).as("the usage of every round still counts")
                .isEqualTo(ledger.records().stream().mapToLong(UsageRecord::outputTokens).sum());
    }

    @Test
    void an_unknown_tool_of_a_started_source_fails_the_agent_with_a_configuration_error() {
        ToolRegistry registry = registry();
        registry.add(new dev.baton.tool.ToolSource() {
            @Override
            public String name() {
                return "mcp:fs";
            }

            @Override
            public List<dev.baton.tool.Tool> tools() {
                return List.of(FunctionTool.read("fs.read_text_file", args -> ToolResult.ok("x")));
            }
        });
        RunResult r = run("""
                name: mcp
                agents:
                  - name: a
                    model_profile: main
                    tools: [fs.read_txt_file]
                """, READ_AND_SEARCH, ToolPolicy.DEFAULT, registry);

        AgentResult a = r.agent("a").orElseThrow();
        assertThat(a.status()).isEqualTo(AgentStatus.FAILED);
        assertThat(a.error().code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(a.error().message()).contains("agent 'a'").contains("unknown tool 'fs.read_txt_file'")
                .contains("did you mean 'fs.read_text_file'");
    }

    private RunResult run(String ensemble, String script, ToolPolicy config) {
        return run(ensemble, script, config, registry());
    }

    private ScriptedChatModel model;

    private RunResult run(String ensemble, String script, ToolPolicy config, ToolRegistry registry) {
        model = ScriptedChatModel.fromScript(new ScriptedScriptLoader().parse(script, "test"), "m");
        WorkspaceSandbox sandbox = sandbox();
        DefaultTools tools = new DefaultTools(registry, ToolPermissions.of(config), sandbox, audit, Clock.systemUTC());
        EnsembleSpec spec = Specs.yaml(ensemble);
        try (Pipeline pipeline = Pipeline.builder().ledger(ledger)
                .profile(PipelineProfile.builder("main", model).retry(RetryPolicy.NONE).build()).build()) {
            EnsembleEngine engine = new EnsembleEngine(EngineOptions.builder(new PipelineModels(pipeline)).tools(tools).build());
            return engine.run(spec, "Explain this project", events::add);
        }
    }

    private ToolRegistry registry() {
        ToolRegistry registry = new ToolRegistry().add(new BuiltinTools(sandbox(), BuiltinSettings.defaults()));
        registry.register(FunctionTool.read("lookup", args -> ToolResult.ok("sunny")), "test");
        return registry;
    }

    private WorkspaceSandbox sandbox() {
        return new WorkspaceSandbox(workspace, Duration.ofSeconds(20), 64 * 1024, Map.of());
    }

    /** Keeps audit entries in memory. */
    static final class MemoryAudit implements AuditLog {
        final List<Entry> entries = new CopyOnWriteArrayList<>();

        @Override
        public void record(Entry entry) {
            entries.add(entry);
        }

        @Override
        public List<Entry> list(Filter filter) {
            return List.copyOf(entries);
        }
    }
}
