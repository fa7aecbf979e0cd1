package dev.baton.mcp.server;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operating tools (recorded runs, tests, usage, providers, Baton's own tools) through the real
 * server and the SDK's client over Streamable HTTP, each with valid and with invalid arguments.
 */
class OperationToolsTest {

    @TempDir
    static Path dir;

    private static Path project;
    private static Baton baton;
    private static McpHttpServer server;
    private static McpSyncClient client;

    @BeforeAll
    static void start() throws Exception {
        project = dir.resolve("project");
        Path baton_ = project.resolve(".baton");
        Files.createDirectories(baton_.resolve("ensembles"));
        Files.writeString(baton_.resolve("config.yaml"), """
                default_profile: canned
                providers:
                  fake:
                    kind: scripted
                    options:
                      script:
                        rules:
                          - match: "(?i)capital"
                            reply: {text: "Paris."}
                profiles:
                  canned: {provider: fake, model: m1}
                budgets:
                  - {scope: project, period: month, usd: 50}
                """);
        Files.writeString(baton_.resolve("ensembles/flaky.yaml"), """
                name: flaky
                description: one agent fails
                agents:
                  - name: fine
                    script: 'printf ok'
                  - name: boom
                    script: 'echo broken >&2; exit 3'
                  - name: after
                    depends_on: [boom]
                    script: 'printf never'
                """);
        Files.writeString(baton_.resolve("ensembles/tested.yaml"), """
                name: tested
                agents:
                  - name: echo
                    script: 'printf "hi %s" "$BATON_INPUT"'
                tests:
                  - name: completes
                    input: bob
                    expect: {status: completed}
                  - name: expects failure
                    input: bob
                    expect: {status: failed}
                """);
        Files.writeString(baton_.resolve("ensembles/untested.yaml"), "name: untested\nagents:\n  - {name: a, script: 'printf x'}\n");
        Files.writeString(baton_.resolve("ensembles/untested2.yaml"), "name: untested2\nagents:\n  - {name: a, script: 'printf x'}\n");
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(project, env), env).build();
        server = BatonMcpServer.builder().extension(new BatonTools(baton)).build()
                .serveHttp(McpHttpOptions.defaults().withPort(0));
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) client.closeGracefully();
        if (server != null) server.close();
        if (baton != null) baton.close();
    }

    private static McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult r) {
        assertThat(r.isError()).as("error: %s", r.content()).isNotEqualTo(Boolean.TRUE);
        return (Map<String, Object>) r.structuredContent();
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    private static void assertRefused(McpSchema.CallToolResult r, String field) {
        assertThat(r.isError()).as("expected an error: %s", r.content()).isTrue();
        assertThat(text(r)).contains(field);
    }

    @SuppressWarnings("unchecked")
    private static String invokeRun(String ensemble) {
        return (String) structured(call("invoke", Map.of("ensemble", ensemble, "input", "go"))).get("artifact_id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void given_a_run_with_a_failing_agent_when_analysed_then_each_agent_and_the_failures_are_reported() {
        String id = invokeRun("flaky");

        Map<String, Object> analysis = structured(call("analyze_execution", Map.of("ensemble", "flaky", "id", id)));

        assertThat(analysis).containsEntry("id", id).containsEntry("status", "completed_with_errors");
        List<Map<String, Object>> agents = (List<Map<String, Object>>) analysis.get("agents");
        assertThat(agents).extracting(a -> a.get("name") + ":" + a.get("status"))
                .startsWith("fine:completed", "boom:failed");
        assertThat(agents.get(0)).containsKeys("duration_ms", "input_tokens", "cost_usd");
        List<Map<String, Object>> failures = (List<Map<String, Object>>) analysis.get("failures");
        assertThat(failures).extracting(f -> f.get("agent")).contains("boom").doesNotContain("fine");
        assertThat(text(call("analyze_execution", Map.of("ensemble", "flaky")))).contains("boom: failed");

        assertRefused(call("analyze_execution", Map.of()), "ensemble");
        assertRefused(call("analyze_execution", Map.of("ensemble", "flaky", "id", "20000101-000000-000")), "id");
        assertRefused(call("analyze_execution", Map.of("ensemble", "flaky", "extra", true)), "extra");
    }

    @Test
    void delete_artifact_needs_confirm_then_removes_the_run() {
        String id = invokeRun("untested");

        assertRefused(call("delete_artifact", Map.of("ensemble", "untested", "id", id)), "confirm");
        assertRefused(call("delete_artifact", Map.of("ensemble", "untested", "id", id, "confirm", "yes")), "confirm");
        assertThat(structured(call("get_artifact", Map.of("ensemble", "untested", "id", id)))).containsEntry("id", id);

        Map<String, Object> deleted = structured(call("delete_artifact", Map.of("ensemble", "untested", "id", id, "confirm", true)));

        assertThat(deleted).containsEntry("deleted", true).containsEntry("id", id);
        assertThat(call("get_artifact", Map.of("ensemble", "untested", "id", id)).isError()).isTrue();
        assertRefused(call("delete_artifact", Map.of("ensemble", "untested", "id", id, "confirm", true)), "id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void cleanup_artifacts_dry_run_lists_what_would_go_and_the_real_run_deletes_it() throws Exception {
        String first = invokeRun("untested2");
        Thread.sleep(5); // artifact ids have millisecond resolution
        String second = invokeRun("untested2");

        Map<String, Object> dry = structured(call("cleanup_artifacts", Map.of("ensemble", "untested2", "keep", 1, "dry_run", true)));
        assertThat(dry).containsEntry("dry_run", true).containsEntry("count", 1);
        assertThat((List<Map<String, Object>>) dry.get("runs")).extracting(r -> r.get("id")).containsExactly(first);
        assertThat(structured(call("get_artifact", Map.of("ensemble", "untested2", "id", first)))).containsEntry("id", first);

        Map<String, Object> done = structured(call("cleanup_artifacts", Map.of("ensemble", "untested2", "keep", 1)));

        assertThat(done).containsEntry("dry_run", false).containsEntry("count", 1);
        assertThat(call("get_artifact", Map.of("ensemble", "untested2", "id", first)).isError()).isTrue();
        assertThat(structured(call("get_artifact", Map.of("ensemble", "untested2")))).containsEntry("id", second);
        assertThat(call("cleanup_artifacts", Map.of()).isError()).isTrue();
        assertRefused(call("cleanup_artifacts", Map.of("keep", -1)), "keep");
        assertRefused(call("cleanup_artifacts", Map.of("older_than_days", "old")), "older_than_days");
    }

    @Test
    @SuppressWarnings("unchecked")
    void run_ensemble_tests_reports_each_case_and_names_an_ensemble_without_tests() {
        Map<String, Object> out = structured(call("run_ensemble_tests", Map.of("ensemble", "tested")));

        assertThat(out).containsEntry("passed", false);
        Map<String, Object> tested = ((List<Map<String, Object>>) out.get("ensembles")).getFirst();
        assertThat((List<Map<String, Object>>) tested.get("cases")).extracting(c -> c.get("name") + ":" + c.get("passed"))
                .containsExactly("completes:true", "expects failure:false");
        assertThat(((List<Map<String, Object>>) structured(call("run_ensemble_tests", Map.of())).get("ensembles")))
                .extracting(e -> e.get("ensemble")).containsExactly("tested");

        assertRefused(call("run_ensemble_tests", Map.of("ensemble", "untested")), "ensemble");
        assertRefused(call("run_ensemble_tests", Map.of("ensemble", "nope")), "ensemble");
        assertRefused(call("run_ensemble_tests", Map.of("ensemble", 3)), "ensemble");
    }

    @Test
    @SuppressWarnings("unchecked")
    void stats_counts_the_calls_made_and_budgets_shows_the_configured_limit() {
        structured(call("ask", Map.of("prompt", "What is the capital of France?")));

        Map<String, Object> stats = structured(call("stats", Map.of("since", "1h", "by", "profile")));
        assertThat(stats).containsEntry("by", "profile");
        assertThat((List<Map<String, Object>>) stats.get("rows")).anySatisfy(r -> {
            assertThat(r).containsEntry("key", "canned");
            assertThat(((Number) r.get("calls")).intValue()).isGreaterThanOrEqualTo(1);
        });
        assertRefused(call("stats", Map.of("since", "yesterday")), "since");
        assertRefused(call("stats", Map.of("by", "colour")), "by");

        Map<String, Object> budgets = structured(call("budgets", Map.of()));
        assertThat((List<Map<String, Object>>) budgets.get("budgets")).singleElement().satisfies(b -> {
            assertThat(b).containsEntry("scope", "project").containsEntry("period", "month");
            assertThat(((Number) b.get("limit_usd")).intValue()).isEqualTo(50);
        });
        assertRefused(call("budgets", Map.of("scope", "project")), "scope");
    }

    @Test
    @SuppressWarnings("unchecked")
    void get_provider_status_probes_each_provider_and_refuses_a_bad_timeout() {
        Map<String, Object> out = structured(call("get_provider_status", Map.of("timeout_seconds", 2)));

        assertThat((List<Map<String, Object>>) out.get("providers")).filteredOn(p -> "fake".equals(p.get("name"))).singleElement().satisfies(p -> {
            assertThat(p).containsEntry("name", "fake").containsEntry("kind", "scripted").containsEntry("credential", "none");
            assertThat(p).containsKeys("state", "circuit");
        });
        assertRefused(call("get_provider_status", Map.of("timeout_seconds", -1)), "timeout_seconds");
    }

    @Test
    @SuppressWarnings("unchecked")
    void list_tools_shows_permissions_and_call_tool_runs_a_read_tool_but_denies_one_needing_approval() throws Exception {
        Files.writeString(project.resolve("notes.txt"), "hello from the workspace");

        Map<String, Object> listing = structured(call("list_tools", Map.of()));
        assertThat(listing).containsEntry("mode", "manual");
        assertThat((List<Map<String, Object>>) listing.get("tools")).extracting(t -> t.get("name") + ":" + t.get("permission"))
                .contains("read_file:run", "write_file:ask");

        Map<String, Object> read = structured(call("call_tool", Map.of("name", "read_file", "arguments", Map.of("path", "notes.txt"))));
        assertThat(read).containsEntry("outcome", "ok");
        assertThat((String) read.get("content")).contains("hello from the workspace");

        var write = call("call_tool", Map.of("name", "write_file", "arguments", Map.of("path", "out.txt", "content", "x")));
        assertThat(write.isError()).isTrue();
        assertThat(text(write)).contains("needs approval").contains("mode: trust");
        assertThat((Map<String, Object>) write.structuredContent()).containsEntry("outcome", "denied");
        assertThat(project.resolve("out.txt")).doesNotExist();

        assertRefused(call("call_tool", Map.of("name", "no_such_tool")), "name");
        assertRefused(call("call_tool", Map.of("arguments", Map.of())), "name");
        assertRefused(call("list_tools", Map.of("all", true)), "all");
        var badArgs = call("call_tool", Map.of("name", "read_file", "arguments", Map.of("nope", 1)));
        assertThat(badArgs.isError()).isTrue();
        assertThat((Map<String, Object>) badArgs.structuredContent()).containsEntry("outcome", "invalid_arguments");
    }
}
