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
 *
 * <p>inspector-cli 1.0.3 prints only the final JSON-RPC result of one method call; it shows no
 * progress notifications, so per-session progress isolation is proven with the SDK client in
 * {@code BatonToolsTest}; here two concurrent inspector sessions show that each gets only its own run.
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

    @Test
    void over_stdio_lists_resources_templates_and_one_prompt_per_ensemble() throws Exception {
        List<String> server = List.of("--cli", "sh", "-c", stdioServer());

        assertListings(server);
    }

    @Test
    void over_http_lists_tools_resources_templates_and_prompts() throws Exception {
        try (Baton baton = Baton.builder(BatonPaths.discover(project, env), env).build();
             McpHttpServer server = McpServerFactory.of(baton).serveHttp(McpHttpOptions.defaults().withPort(0))) {
            List<String> http = List.of("--cli", server.url(), "--transport", "http");
            JsonNode tools = inspector(concat(http, "--method", "tools/list"));

            assertThat(names(tools.path("tools"), "name")).contains("invoke", "list_ensembles", "ask");
            assertListings(http);
        }
    }

    @Test
    void given_two_concurrent_inspector_sessions_over_http_when_both_invoke_then_each_gets_only_its_own_run()
            throws Exception {
        try (Baton baton = Baton.builder(BatonPaths.discover(project, env), env).build();
             McpHttpServer server = McpServerFactory.of(baton).serveHttp(McpHttpOptions.defaults().withPort(0))) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var a = pool.submit(() -> inspector(List.of("--cli", server.url(), "--transport", "http", "--method",
                        "tools/call", "--tool-name", "invoke", "--tool-arg", "ensemble=pair", "--tool-arg", "input=alpha")));
                var b = pool.submit(() -> inspector(List.of("--cli", server.url(), "--transport", "http", "--method",
                        "tools/call", "--tool-name", "invoke", "--tool-arg", "ensemble=pair", "--tool-arg", "input=beta")));
                JsonNode first = a.get(3, TimeUnit.MINUTES);
                JsonNode second = b.get(3, TimeUnit.MINUTES);

                assertThat(first.toString()).contains("first:alpha").doesNotContain("first:beta");
                assertThat(second.toString()).contains("first:beta").doesNotContain("first:alpha");
                assertThat(first.path("structuredContent").path("artifact_id").asString(""))
                        .isNotEqualTo(second.path("structuredContent").path("artifact_id").asString("x"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void over_stdio_and_http_a_library_ensemble_copied_into_the_project_runs_on_the_scripted_model() throws Exception {
        List<String> stdio = List.of("--cli", "sh", "-c", stdioServer());
        JsonNode copied = inspector(concat(stdio, "--method", "tools/call", "--tool-name", "library_copy",
                "--tool-arg", "name=code-review"));
        JsonNode overStdio = inspector(concat(stdio, "--method", "tools/call", "--tool-name", "invoke",
                "--tool-arg", "ensemble=code-review", "--tool-arg", "input=def f(x): return eval(x)"));
        JsonNode overHttp;
        try (Baton baton = Baton.builder(BatonPaths.discover(project, env), env).build();
             McpHttpServer server = McpServerFactory.of(baton).serveHttp(McpHttpOptions.defaults().withPort(0))) {
            overHttp = inspector(List.of("--cli", server.url(), "--transport", "http", "--method", "tools/call",
                    "--tool-name", "invoke", "--tool-arg", "ensemble=code-review", "--tool-arg", "input=int f() { return 1; }"));
        }

        assertThat(copied.path("isError").asBoolean(false)).as(copied.toString()).isFalse();
        for (JsonNode invoked : List.of(overStdio, overHttp)) {
            assertThat(invoked.path("isError").asBoolean(false)).as(invoked.toString()).isFalse();
            assertThat(invoked.path("structuredContent").path("status").asString()).isEqualTo("completed");
            assertThat(invoked.path("structuredContent").path("deliverable").asString()).as(invoked.toString()).isEqualTo("synthesis");
            assertThat(invoked.path("structuredContent").path("agents").has("synthesis")).isTrue();
        }
    }

    private static void assertListings(List<String> target) throws Exception {
        JsonNode resources = inspector(concat(target, "--method", "resources/list"));
        JsonNode templates = inspector(concat(target, "--method", "resources/templates/list"));
        JsonNode prompts = inspector(concat(target, "--method", "prompts/list"));

        assertThat(names(resources.path("resources"), "uri")).contains("baton://ensembles", "baton://profiles");
        assertThat(names(templates.path("resourceTemplates"), "uriTemplate"))
                .contains("baton://ensemble/{name}", "baton://artifacts/{ensemble}");
        assertThat(names(prompts.path("prompts"), "name")).as(prompts.toString()).anyMatch(n -> n.contains("pair"));
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.path(field).asString()));
        return names;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private String stdioServer() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "cd '" + project + "' && HOME='" + env.get("HOME") + "' exec '" + java + "' -cp '"
                + System.getProperty("java.class.path") + "' dev.baton.cli.Main mcp";
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
