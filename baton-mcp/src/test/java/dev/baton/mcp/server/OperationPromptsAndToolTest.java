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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Operations over MCP: one prompt per operation of the session's project (arguments from the input
 * schema, following {@code set_project}) and the {@code run_operation} tool, with valid and with
 * invalid arguments, through the real server and the SDK's client over Streamable HTTP.
 */
class OperationPromptsAndToolTest {

    @TempDir
    static Path dir;

    private static Path other;
    private static Baton baton;
    private static McpHttpServer server;

    @BeforeAll
    static void start() throws Exception {
        Path home = project("home", """
                feature: code
                operations:
                  summarize:
                    description: Summarise code
                    profile: p
                    prompt: "Summarise {{code}} in {{max_sentences}} sentences"
                    input_schema:
                      type: object
                      required: [code]
                      properties:
                        code: {type: string, description: the code}
                        max_sentences: {type: integer, minimum: 1, default: 2}
                    response_schema: {type: object, required: [summary], properties: {summary: {type: string}}}
                """);
        other = project("other", """
                feature: docs
                operations:
                  check:
                    profile: p
                    prompt: "Check {{text}}"
                    input_schema: {type: object, required: [text], properties: {text: {type: string}}}
                    response_schema: {type: object, required: [ok], properties: {ok: {type: boolean}}}
                """);
        Map<String, String> env = Map.of("HOME", dir.resolve("user-home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(home, env), env).build();
        server = BatonMcpServer.builder().extension(new BatonTools(baton)).build()
                .serveHttp(McpHttpOptions.defaults().withPort(0));
    }

    /** A project whose scripted profile {@code p} answers JSON-schema requests with a schema-valid sample. */
    private static Path project(String name, String operations) throws IOException {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve(".baton/operations"));
        Files.writeString(root.resolve(".baton/config.yaml"), """
                providers:
                  fake: {kind: scripted}
                profiles:
                  p: {provider: fake, model: m1}
                """);
        Files.writeString(root.resolve(".baton/operations/ops.yaml"), operations);
        return root;
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (baton != null) baton.close();
    }

    private static McpSyncClient client() {
        McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(60)).build();
        c.initialize();
        return c;
    }

    private static McpSchema.CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
        return c.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    @Test
    void prompts_list_has_one_prompt_per_operation_with_the_input_schemas_properties_as_arguments() {
        try (McpSyncClient c = client()) {
            McpSchema.Prompt p = c.listPrompts().prompts().stream().filter(x -> x.name().equals("code.summarize"))
                    .findFirst().orElseThrow();

            assertThat(p.description()).isEqualTo("Summarise code");
            assertThat(p.arguments()).extracting(McpSchema.PromptArgument::name, McpSchema.PromptArgument::required)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("code", true),
                            org.assertj.core.groups.Tuple.tuple("max_sentences", false));
            assertThat(p.arguments().getFirst().description()).isEqualTo("the code");

            McpSchema.GetPromptResult got = c.getPrompt(new McpSchema.GetPromptRequest("code.summarize",
                    Map.of("code", "int x;", "max_sentences", "3")));
            String message = ((McpSchema.TextContent) got.messages().getFirst().content()).text();
            assertThat(message).contains("run_operation").contains("\"operation\":\"code.summarize\"")
                    .contains("\"input\":{\"code\":\"int x;\",\"max_sentences\":3}");
            assertThatThrownBy(() -> c.getPrompt(new McpSchema.GetPromptRequest("code.summarize", Map.of())))
                    .hasMessageContaining("code");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void run_operation_returns_the_validated_result_and_metadata_and_names_bad_arguments() {
        try (McpSyncClient c = client()) {
            var ok = call(c, "run_operation", Map.of("operation", "code.summarize", "input", Map.of("code", "int x;")));
            var unknown = call(c, "run_operation", Map.of("operation", "code.explain"));
            var badInput = call(c, "run_operation", Map.of("operation", "code.summarize", "input", Map.of("max_sentences", 0)));
            var missing = call(c, "run_operation", Map.of());

            assertThat(ok.isError()).as("%s", ok.content()).isNotEqualTo(Boolean.TRUE);
            Map<String, Object> out = (Map<String, Object>) ok.structuredContent();
            assertThat(out).containsEntry("operation", "code.summarize");
            assertThat((Map<String, Object>) out.get("result")).containsKey("summary");
            assertThat((Map<String, Object>) out.get("metadata")).containsEntry("mode", "monolithic").containsKeys("duration_ms", "models", "usage");
            assertThat(unknown.isError()).isTrue();
            assertThat(text(unknown)).contains("field 'operation'").contains("UNKNOWN_OPERATION").contains("code.summarize");
            assertThat(badInput.isError()).isTrue();
            assertThat(text(badInput)).contains("field 'input'").contains("input field 'code' is required")
                    .contains("input field 'max_sentences'");
            assertThat(missing.isError()).isTrue();
            assertThat(text(missing)).contains("operation");
        }
    }

    @Test
    void a_session_that_switched_project_sees_and_runs_that_projects_operations() {
        try (McpSyncClient stay = client(); McpSyncClient moved = client()) {
            var switched = call(moved, "set_project", Map.of("path", other.toString()));
            assertThat(switched.isError()).as("%s", switched.content()).isNotEqualTo(Boolean.TRUE);

            List<String> stayNames = stay.listPrompts().prompts().stream().map(McpSchema.Prompt::name).toList();
            List<String> movedNames = moved.listPrompts().prompts().stream().map(McpSchema.Prompt::name).toList();
            var run = call(moved, "run_operation", Map.of("operation", "docs.check", "input", Map.of("text", "hi")));

            assertThat(stayNames).contains("code.summarize").doesNotContain("docs.check");
            assertThat(movedNames).contains("docs.check").doesNotContain("code.summarize");
            assertThat(run.isError()).as("%s", run.content()).isNotEqualTo(Boolean.TRUE);
        }
    }
}
