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
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Baton's own MCP tools through the real server and the SDK's client over Streamable HTTP, each
 * called with valid and with invalid arguments, over a project with a scripted model.
 */
class BatonToolsTest {

    @TempDir
    static Path dir;

    private static Baton baton;
    private static McpHttpServer server;
    private static McpSyncClient client;
    private static final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    private static final List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path project = dir.resolve("project/.baton");
        Files.createDirectories(project.resolve("ensembles"));
        Files.writeString(project.resolve("config.yaml"), """
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
                  canned: {provider: fake, model: m1, description: a scripted model}
                """);
        Files.writeString(project.resolve("ensembles/pair.yaml"), """
                name: pair
                description: two script agents in a row
                agents:
                  - name: first
                    script: 'printf "first:%s" "$BATON_INPUT"'
                  - name: second
                    depends_on: [first]
                    script: 'printf "second done"'
                """);
        Files.writeString(project.resolve("ensembles/broken.yaml"), """
                name: broken
                agents:
                  - name: only
                    depends_on: [missing]
                    script: 'true'
                """);
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(dir.resolve("project"), env), env).build();
        server = BatonMcpServer.builder().extension(new BatonTools(baton)).build()
                .serveHttp(McpHttpOptions.defaults().withPort(0));
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(60))
                .progressConsumer(progress::add).loggingConsumer(logs::add).build();
        client.initialize();
        client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
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

    @Test
    void every_tool_is_listed_with_an_input_and_an_output_schema() {
        List<McpSchema.Tool> tools = client.listTools().tools();

        assertThat(tools).extracting(McpSchema.Tool::name).contains("list_ensembles", "validate_ensemble",
                "invoke", "list_profiles", "ask", "list_artifacts", "get_artifact");
        assertThat(tools).allSatisfy(t -> {
            assertThat(t.description()).isNotBlank();
            assertThat(t.inputSchema()).isNotNull();
            assertThat(t.outputSchema()).isNotNull().containsKey("properties");
        });
    }

    @Test
    void list_ensembles_lists_the_project_ensembles_and_refuses_unknown_arguments() {
        var ok = call("list_ensembles", Map.of());
        var bad = call("list_ensembles", Map.of("bogus", 1));

        assertThat(structured(ok).get("ensembles").toString()).contains("name=pair").contains("name=broken");
        assertThat(text(ok)).contains("pair (project, 2 agents): two script agents in a row");
        assertThat(bad.isError()).isTrue();
        assertThat(text(bad)).contains("bogus");
    }

    @Test
    void validate_ensemble_reports_problems_and_names_a_missing_or_unknown_ensemble() {
        assertThat(structured(call("validate_ensemble", Map.of("ensemble", "pair")))).containsEntry("valid", true);
        Map<String, Object> broken = structured(call("validate_ensemble", Map.of("ensemble", "broken")));
        assertThat(broken).containsEntry("valid", false);
        assertThat(broken.get("problems").toString()).contains("missing");

        var missing = call("validate_ensemble", Map.of());
        var unknown = call("validate_ensemble", Map.of("ensemble", "nope"));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("ensemble");
        assertThat(unknown.isError()).isTrue();
        assertThat(text(unknown)).contains("field 'ensemble'").contains("pair");
    }

    @Test
    void invoke_runs_the_ensemble_reports_progress_per_agent_and_records_an_artifact() {
        progress.clear();
        var result = client.callTool(new McpSchema.CallToolRequest("invoke", Map.of("ensemble", "pair", "input", "hi"),
                Map.of("progressToken", "run-1")));

        Map<String, Object> out = structured(result);
        assertThat(out).containsEntry("status", "completed").containsEntry("deliverable", "second")
                .containsEntry("output", "second done");
        assertThat(out.get("artifact_id")).isNotNull();
        assertThat(out.get("agents").toString()).contains("first:hi");
        assertThat(out).containsKeys("usage", "cost_usd", "run_id");
        assertThat(progress).filteredOn(p -> "run-1".equals(p.progressToken()))
                .extracting(McpSchema.ProgressNotification::progress, McpSchema.ProgressNotification::total)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1.0, 2.0), org.assertj.core.groups.Tuple.tuple(2.0, 2.0));
        assertThat(logs).extracting(McpSchema.LoggingMessageNotification::data).contains("agent first started");
    }

    @Test
    void two_sessions_invoking_at_once_each_receive_only_their_own_progress() throws Exception {
        List<McpSchema.ProgressNotification> seenByA = new CopyOnWriteArrayList<>();
        List<McpSchema.ProgressNotification> seenByB = new CopyOnWriteArrayList<>();
        // own threads: the SDK client completes responses on the common pool, which blocked callers would starve
        try (McpSyncClient a = client(seenByA); McpSyncClient b = client(seenByB);
             var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var runA = threads.submit(() -> a.callTool(new McpSchema.CallToolRequest(
                    "invoke", Map.of("ensemble", "pair", "input", "a"), Map.of("progressToken", "token-a"))));
            var runB = threads.submit(() -> b.callTool(new McpSchema.CallToolRequest(
                    "invoke", Map.of("ensemble", "pair", "input", "b"), Map.of("progressToken", "token-b"))));

            assertThat(structured(runA.get(60, java.util.concurrent.TimeUnit.SECONDS))).containsEntry("status", "completed");
            assertThat(structured(runB.get(60, java.util.concurrent.TimeUnit.SECONDS))).containsEntry("status", "completed");
        }
        assertThat(seenByA).hasSize(2).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("token-a"));
        assertThat(seenByB).hasSize(2).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("token-b"));
    }

    @Test
    void a_session_without_a_progress_token_at_level_warning_gets_only_warnings() throws Exception {
        Files.writeString(dir.resolve("project/.baton/ensembles/half.yaml"), """
                name: half
                agents:
                  - {name: fine, script: 'printf ok'}
                  - {name: breaks, depends_on: [fine], script: 'exit 3'}
                """);
        List<McpSchema.ProgressNotification> quietProgress = new CopyOnWriteArrayList<>();
        List<McpSchema.LoggingMessageNotification> quietLogs = new CopyOnWriteArrayList<>();
        try (McpSyncClient quiet = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                        .endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(60)).progressConsumer(quietProgress::add).loggingConsumer(quietLogs::add).build()) {
            quiet.initialize();
            quiet.setLoggingLevel(McpSchema.LoggingLevel.WARNING);

            var result = quiet.callTool(new McpSchema.CallToolRequest("invoke", Map.of("ensemble", "half", "input", "x")));

            assertThat(result.structuredContent().toString()).contains("breaks");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (quietLogs.isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
            // the warning travels after the agents' info messages on the same stream: had those been sent, they were seen first
            assertThat(quietLogs).extracting(McpSchema.LoggingMessageNotification::level).containsOnly(McpSchema.LoggingLevel.WARNING);
            assertThat(quietLogs).extracting(McpSchema.LoggingMessageNotification::data).anyMatch(d -> d.startsWith("agent breaks failed"));
            assertThat(quietProgress).as("no progress without a progressToken").isEmpty();
        }
    }

    private static McpSyncClient client(List<McpSchema.ProgressNotification> progress) {
        McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                        .endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(60)).progressConsumer(progress::add).build();
        c.initialize();
        return c;
    }

    @Test
    void invoke_refuses_bad_arguments_naming_the_field() {
        var zero = call("invoke", Map.of("ensemble", "pair", "max_concurrency", 0));
        var unknown = call("invoke", Map.of("ensemble", "nope"));
        var broken = call("invoke", Map.of("ensemble", "broken"));

        assertThat(zero.isError()).isTrue();
        assertThat(text(zero)).contains("max_concurrency");
        assertThat(unknown.isError()).isTrue();
        assertThat(text(unknown)).contains("field 'ensemble'");
        assertThat(broken.isError()).isTrue();
        assertThat(text(broken)).contains("field 'ensemble'").contains("missing");
    }

    @Test
    void list_profiles_lists_the_configured_profile() {
        var ok = call("list_profiles", Map.of());
        var bad = call("list_profiles", Map.of("name", "x"));

        assertThat(structured(ok).get("profiles").toString()).contains("name=canned");
        assertThat(text(ok)).contains("canned -> fake/m1");
        assertThat(bad.isError()).isTrue();
        assertThat(text(bad)).contains("name");
    }

    @Test
    void ask_answers_through_the_profile_and_names_a_missing_prompt_or_unknown_profile() {
        Map<String, Object> ok = structured(call("ask", Map.of("prompt", "What is the capital of France?")));
        var noPrompt = call("ask", Map.of());
        var badProfile = call("ask", Map.of("prompt", "hi", "profile", "nope"));

        assertThat(ok).containsEntry("text", "Paris.").containsEntry("profile", "canned");
        assertThat(noPrompt.isError()).isTrue();
        assertThat(text(noPrompt)).contains("prompt");
        assertThat(badProfile.isError()).isTrue();
        assertThat(text(badProfile)).contains("field 'profile'");
    }

    @Test
    void the_resources_and_templates_are_listed_and_read() {
        structured(call("invoke", Map.of("ensemble", "pair", "input", "for the resource")));

        assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
                .contains("baton://ensembles", "baton://profiles");
        assertThat(client.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
                .contains("baton://ensemble/{name}", "baton://artifacts/{ensemble}", "baton://artifact/{ensemble}/{id}");
        assertThat(read("baton://ensembles")).contains("\"name\" : \"pair\"");
        assertThat(read("baton://profiles")).contains("\"name\" : \"canned\"");
        assertThat(read("baton://ensemble/pair")).contains("description: two script agents in a row");
        assertThat(read("baton://artifacts/pair")).contains("\"status\" : \"completed\"");
        assertThat(read("baton://artifact/pair/latest")).contains("for the resource");
    }

    @Test
    void reading_an_unknown_ensemble_or_run_is_an_error_naming_it() {
        assertThatThrownBy(() -> read("baton://ensemble/nope")).hasMessageContaining("nope");
        assertThatThrownBy(() -> read("baton://artifact/pair/19990101-000000-000")).hasMessageContaining("19990101-000000-000");
    }

    private static String read(String uri) {
        var contents = client.readResource(new McpSchema.ReadResourceRequest(uri)).contents();
        return ((McpSchema.TextResourceContents) contents.getFirst()).text();
    }

    @Test
    void list_and_get_artifact_read_the_recorded_runs() {
        structured(call("invoke", Map.of("ensemble", "pair", "input", "again")));

        Map<String, Object> listed = structured(call("list_artifacts", Map.of("ensemble", "pair")));
        Map<String, Object> latest = structured(call("get_artifact", Map.of("ensemble", "pair")));
        var zero = call("list_artifacts", Map.of("limit", 0));
        var unknown = call("get_artifact", Map.of("ensemble", "pair", "id", "19990101-000000-000"));

        assertThat(listed.get("artifacts").toString()).contains("ensemble=pair").contains("status=completed");
        assertThat(latest.get("execution").toString()).contains("second done");
        assertThat(zero.isError()).isTrue();
        assertThat(text(zero)).contains("limit");
        assertThat(unknown.isError()).isTrue();
        assertThat(text(unknown)).contains("field 'id'");
    }
}
