package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton mcp}: MCP over stdio, with nothing but JSON-RPC on stdout. */
class McpCommandTest {

    @TempDir
    Path tmp;

    @Test
    void stdout_carries_only_json_rpc_even_when_an_agent_and_the_process_print() throws Exception {
        CliHarness project = new CliHarness(tmp);
        Path ensembles = project.workDir().resolve(".baton/ensembles");
        Files.createDirectories(ensembles);
        Files.writeString(ensembles.resolve("noisy.yaml"), """
                name: noisy
                agents:
                  - name: talk
                    script: 'echo "not json"; echo "{\\"jsonrpc\\": \\"fake\\"}" >&2; printf done'
                """);
        PipedOutputStream client = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(client, 1 << 16);
        // stdout as in production: the command's writer and System.out are the same stream
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
        java.io.PrintStream original = System.out;
        StringWriter err = new StringWriter();
        CliEnvironment env = new CliEnvironment(project.workDir(), Map.of("HOME", tmp.resolve("home").toString(),
                "BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString(), "PATH", System.getenv("PATH")),
                stdin, false, false, CliEnvironment::defaultBaton);
        System.setOut(stdout);
        try {
            serve(env, client, out, stdout, err);
        } finally {
            System.setOut(original);
        }
    }

    private void serve(CliEnvironment env, PipedOutputStream client, java.io.ByteArrayOutputStream out,
                       java.io.PrintStream stdout, StringWriter err) throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                Main.run(env, new PrintWriter(stdout, true), new PrintWriter(err, true), "mcp"));

        send(client, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        awaitResponse(out, 1);
        send(client, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        send(client, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        send(client, """
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"invoke","arguments":{"ensemble":"noisy"}}}""");
        awaitResponse(out, 2);
        System.out.println("a stray print while serving"); // must land on stderr, not in the protocol
        JsonNode listed = awaitResponse(out, 2);
        JsonNode invoked = awaitResponse(out, 3);
        client.close();

        assertThat(exit.get(60, TimeUnit.SECONDS)).as(err.toString()).isZero();
        List<String> lines = Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty().allSatisfy(line ->
                assertThat(Json.MAPPER.readTree(line).path("jsonrpc").asString()).as(line).isEqualTo("2.0"));
        assertThat(listed.path("result").path("tools").toString()).contains("\"invoke\"").contains("\"list_ensembles\"");
        assertThat(invoked.path("result").path("structuredContent").path("status").asString()).isEqualTo("completed");
        assertThat(invoked.path("result").path("structuredContent").path("agents").path("talk").path("output").asString())
                .contains("not json");
    }

    private static void send(PipedOutputStream client, String message) throws Exception {
        client.write((message.strip() + "\n").getBytes(StandardCharsets.UTF_8));
        client.flush();
    }

    /** The response with {@code id} once it is on stdout (60 s at most: the machine may be busy). */
    private static JsonNode awaitResponse(java.io.ByteArrayOutputStream out, int id) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(until)) {
            String text = out.toString(StandardCharsets.UTF_8);
            // only whole lines: the server may be in the middle of writing the last one
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                if (line.isBlank() || !line.startsWith("{")) continue;
                JsonNode node = Json.MAPPER.readTree(line);
                if (node.path("id").asInt(-1) == id) return node;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no response " + id + " on stdout: " + out);
    }
}
