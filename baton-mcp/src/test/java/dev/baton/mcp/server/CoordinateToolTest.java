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

/** The MCP tool {@code coordinate}: a thin face over {@code Baton.coordinator()}. */
class CoordinateToolTest {

    @TempDir
    static Path dir;

    private static Baton baton;
    private static McpHttpServer server;
    private static McpSyncClient client;
    private static final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path project = dir.resolve("project/.baton");
        Files.createDirectories(project);
        Files.writeString(project.resolve("config.yaml"), """
                default_profile: canned
                providers:
                  fake: {kind: scripted}
                profiles:
                  canned: {provider: fake, model: m1}
                """);
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(dir.resolve("project"), env), env).build();
        server = BatonMcpServer.builder().extension(new BatonTools(baton)).build()
                .serveHttp(McpHttpOptions.defaults().withPort(0));
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(60)).progressConsumer(progress::add).build();
        client.initialize();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) client.closeGracefully();
        if (server != null) server.close();
        if (baton != null) baton.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void answers_a_question_with_the_response_json_and_reports_each_job() {
        var r = client.callTool(new McpSchema.CallToolRequest("coordinate", Map.of("query", "What does this project do?"),
                Map.of("progressToken", "coord-1")));

        assertThat(r.isError()).as("%s", r.content()).isNotEqualTo(Boolean.TRUE);
        Map<String, Object> json = (Map<String, Object>) r.structuredContent();
        assertThat(json.get("status")).isIn("success", "partial_success");
        assertThat((List<?>) json.get("jobs")).isNotEmpty();
        assertThat(progress).filteredOn(p -> "coord-1".equals(p.progressToken())).isNotEmpty();
    }

    @Test
    void a_cost_out_of_range_is_a_tool_error_naming_the_range() {
        var r = client.callTool(new McpSchema.CallToolRequest("coordinate", Map.of("query", "q", "max_cost", 50)));

        assertThat(r.isError()).isTrue();
        assertThat(r.content().toString()).contains("max_cost");
    }
}
