package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.mcp.server.McpHttpOptions;
import dev.baton.mcp.server.McpHttpServer;
import dev.baton.testing.Peers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Baton's MCP server driven by a client we did not write, the MCP inspector CLI
 * ({@code @modelcontextprotocol/inspector-cli}, installed on demand into {@code .peers/}): over
 * stdio it starts {@code baton mcp} as a real process, over HTTP it talks to {@code /mcp}. Skipped
 * only when node or npm is absent.
 */
class McpInspectorInteropTest {

    static final String VERSION = "1.0.3";

    @TempDir
    Path tmp;

    private Path project;
    private Map<String, String> env;

    @BeforeEach
    void project() throws Exception {
        project = tmp.resolve("project");
        Files.createDirectories(project.resolve(".baton/ensembles"));
        Files.writeString(project.resolve(".baton/ensembles/pair.yaml"), """
                name: pair
                agents:
                  - name: first
                    script: 'printf "first:%s" "$BATON_INPUT"'
                  - name: second
                    depends_on: [first]
                    script: 'echo "noise on the agent stdout"; printf "second done"'
                """);
        env = Map.of("HOME", tmp.resolve("home").toString(), "PATH", System.getenv("PATH"));
    }

    @Test
    void over_stdio_lists_the_tools_and_invokes_an_ensemble_with_structured_results() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String server = "cd '" + project + "' && HOME='" + env.get("HOME") + "' exec '" + java + "' -cp '"
                + System.getProperty("java.class.path") + "' dev.baton.cli.Main mcp";

        JsonNode listed = inspector(List.of("--cli", "sh", "-c", server, "--method", "tools/list"));
        JsonNode invoked = inspector(List.of("--cli", "sh", "-c", server, "--method", "tools/call",
                "--tool-name", "invoke", "--tool-arg", "ensemble=pair", "--tool-arg", "input=hi"));

        List<String> names = new ArrayList<>();
        listed.path("tools").forEach(t -> names.add(t.path("name").asString()));
        assertThat(names).contains("invoke", "list_ensembles", "ask");
        assertThat(invoked.path("isError").asBoolean(false)).as(invoked.toString()).isFalse();
        assertThat(invoked.path("structuredContent").path("status").asString()).isEqualTo("completed");
        // what the agent's script printed is its output, inside the result, never loose on the protocol stream
        assertThat(invoked.path("structuredContent").path("output").asString())
                .isEqualTo("noise on the agent stdout\nsecond done");
    }

    @Test
    void over_http_calls_invoke_and_gets_an_error_naming_a_bad_field() throws Exception {
        try (Baton baton = Baton.builder(BatonPaths.discover(project, env), env).build();
             McpHttpServer server = McpServerFactory.of(baton).serveHttp(McpHttpOptions.defaults().withPort(0))) {
            JsonNode invoked = inspector(List.of("--cli", server.url(), "--transport", "http", "--method", "tools/call",
                    "--tool-name", "invoke", "--tool-arg", "ensemble=pair", "--tool-arg", "input=web"));
            JsonNode bad = inspector(List.of("--cli", server.url(), "--transport", "http", "--method", "tools/call",
                    "--tool-name", "invoke", "--tool-arg", "ensemble=nope"));

            assertThat(invoked.path("structuredContent").path("status").asString()).as(invoked.toString()).isEqualTo("completed");
            assertThat(invoked.path("structuredContent").path("agents").path("first").path("output").asString()).isEqualTo("first:web");
            assertThat(bad.path("isError").asBoolean()).isTrue();
            assertThat(bad.path("content").get(0).path("text").asString()).contains("field 'ensemble'").contains("pair");
        }
    }

    /** Runs the inspector CLI with {@code args} and returns the JSON it prints. */
    private static JsonNode inspector(List<String> args) throws Exception {
        String node = Peers.which("node");
        assumeTrue(node != null, "node is not installed: skipping the MCP inspector interop test");
        Path cli = Peers.install("@modelcontextprotocol/inspector-cli", VERSION).resolve("build/cli.js");
        // inspector-cli 1.0.3 must run from a folder whose parent holds a package.json (shared/peers.md)
        Path run = Files.createDirectories(Peers.dir().resolve("run"));
        List<String> cmd = new ArrayList<>(List.of(node, cli.toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(run.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the inspector finished").isTrue();
        int start = out.indexOf('{');
        assertThat(start).as("JSON on the inspector's stdout: %s", out).isGreaterThanOrEqualTo(0);
        return Json.MAPPER.readTree(out.substring(start));
    }
}
