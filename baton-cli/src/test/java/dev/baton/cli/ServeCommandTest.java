package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code baton serve}: what it refuses, health, MCP at /mcp behind authentication, and a clean stop. */
class ServeCommandTest {

    private static final Pattern URL = Pattern.compile("MCP at (http://\\S+/mcp)\\)");

    @TempDir
    Path tmp;

    @Test
    void no_auth_on_a_non_loopback_address_is_refused() {
        var r = new CliHarness(tmp).run("serve", "--no-auth", "--host", "0.0.0.0", "--port", "0");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("refusing to serve on 0.0.0.0 without authentication (--no-auth)");
    }

    @Test
    void a_bad_server_setting_names_its_key() throws Exception {
        CliHarness h = new CliHarness(tmp);
        Files.createDirectories(h.workDir().resolve(".baton"));
        Files.writeString(h.workDir().resolve(".baton/config.yaml"), """
                server:
                  shutdown_grace_seconds: -1
                """);
        var r = h.run("serve", "--port", "0");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("server.shutdown_grace_seconds");
    }

    @Test
    void serves_mcp_with_the_configured_token_until_interrupted_then_stops_listening() throws Exception {
        CliHarness h = new CliHarness(tmp);
        Files.createDirectories(h.workDir().resolve(".baton"));
        Files.writeString(h.workDir().resolve(".baton/config.yaml"), """
                server:
                  token: ${TEST_MCP_TOKEN}
                """);
        StringWriter err = new StringWriter();
        CliEnvironment env = new CliEnvironment(h.workDir(), Map.of("HOME", tmp.resolve("home").toString(),
                "BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString(), "TEST_MCP_TOKEN", "tok-123"),
                new java.io.ByteArrayInputStream(new byte[0]), false, false, CliEnvironment::defaultBaton);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serving = Thread.ofPlatform().start(() ->
                exit.set(Main.run(env, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "serve", "--port", "0")));

        String url = awaitUrl(err);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder init = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"""));
        int without = http.send(init.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        String base = url.substring(0, url.length() - "/mcp".length());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> with = http.send(init.header("Authorization", "Bearer tok-123").build(), HttpResponse.BodyHandlers.ofString());
        serving.interrupt();
        serving.join(Duration.ofSeconds(30));

        assertThat(url).startsWith("http://127.0.0.1:");
        assertThat(without).isEqualTo(401);
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(with.body()).contains("\"baton\"");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"");
        assertThat(serving.isAlive()).isFalse();
        assertThat(exit.get()).as(err.toString()).isZero();
        assertThat(err.toString()).doesNotContain("tok-123");
        int port = URI.create(url).getPort();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(java.io.IOException.class);
    }

    private static String awaitUrl(StringWriter err) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(until)) {
            Matcher m = URL.matcher(err.toString());
            if (m.find()) return m.group(1);
            Thread.sleep(20);
        }
        throw new AssertionError("serve did not start: " + err);
    }
}
