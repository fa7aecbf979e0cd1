package dev.baton.cli;

import dev.baton.testing.Peers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official MCP conformance suite's client scenarios against {@code baton tools call/list
 * --mcp-url}: the suite starts its fixture server, runs the CLI as a real subprocess (this JVM's
 * java and class path) with the server's URL appended, and writes {@code checks.json}, which is
 * what this test judges. Skipped only when node or npm is absent.
 *
 * <p>Left out, because Baton's MCP client has no OAuth: every {@code auth/*} scenario (metadata
 * discovery, dynamic and pre-registration, PKCE authorization code, scopes and step-up, token
 * endpoint auth methods, client credentials). They need an OAuth 2.1 client in Baton, which does
 * not exist yet; running them would only show that.
 */
class McpConformanceClientTest {

    static final String VERSION = "0.1.13";

    @TempDir
    Path tmp;

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("initialize", List.of("tools", "list"),
                        List.of("mcp-client-initialization"), ""),
                Arguments.of("tools_call", List.of("tools", "call", "add_numbers", "--args", "{\"a\":1,\"b\":2}", "--yes"),
                        List.of("tool-add-numbers"), "The sum of 1 and 2 is 3"),
                Arguments.of("sse-retry", List.of("tools", "call", "test_reconnection", "--yes"),
                        List.of("client-sse-graceful-reconnect", "client-sse-retry-timing", "client-sse-last-event-id"),
                        "Reconnection test completed successfully"),
                Arguments.of("elicitation-sep1034-client-defaults",
                        List.of("tools", "call", "test_client_elicitation_defaults", "--yes", "--accept-elicitation-defaults"),
                        List.of("client-elicitation-sep1034-string-default", "client-elicitation-sep1034-integer-default",
                                "client-elicitation-sep1034-number-default", "client-elicitation-sep1034-enum-default",
                                "client-elicitation-sep1034-boolean-default"),
                        "Elicitation completed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void given_the_suites_fixture_server_when_baton_is_its_client_then_every_check_succeeds(
            String scenario, List<String> batonArgs, List<String> expectedChecks, String expectedOutput) throws Exception {
        String node = Peers.which("node");
        Assumptions.assumeTrue(node != null, "node is not installed: skipping the MCP conformance client scenarios");
        Path suite = Peers.install("@modelcontextprotocol/conformance", VERSION).resolve("dist/index.js");
        Path out = tmp.resolve("results");

        Process p = conformance(node, suite, scenario, batonArgs, out).start();
        assertThat(p.waitFor(4, TimeUnit.MINUTES)).as("the suite finished").isTrue();
        String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        Path results = resultsOf(out, scenario);
        JsonNode checks = Json.MAPPER.readTree(results.resolve("checks.json").toFile());
        List<String> ids = new ArrayList<>();
        for (JsonNode check : checks) {
            ids.add(check.path("id").asString());
            String status = check.path("status").asString();
            if (status.equals("INFO")) continue;
            assertThat(status).as("check %s: %s%n%s", check.path("id").asString(), check.path("errorMessage").asString(),
                    console).isIn(allowed(check.path("id").asString()));
        }
        assertThat(ids).as(console).containsAll(expectedChecks);
        assertThat(Files.readString(results.resolve("stdout.txt"))).as(Files.readString(results.resolve("stderr.txt")))
                .contains(expectedOutput);
        assertThat(p.exitValue()).as(console).isZero();
    }

    /**
     * SUCCESS, except that the reconnection delay may also be "slightly late" (WARNING, within
     * 1 s of a 500 ms retry): on a busy machine the GET can leave later than asked; too early or
     * very late is still a FAILURE.
     */
    private static List<String> allowed(String checkId) {
        return checkId.equals("client-sse-retry-timing") ? List.of("SUCCESS", "WARNING") : List.of("SUCCESS");
    }

    private ProcessBuilder conformance(String node, Path suite, String scenario, List<String> batonArgs, Path out)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(batonArgs);
        command.add("--mcp-url"); // the suite appends the fixture server's URL
        Path work = Files.createDirectories(tmp.resolve("work"));
        ProcessBuilder pb = new ProcessBuilder(node, suite.toString(), "client", "--command", shellLine(command),
                "--scenario", scenario, "-o", out.toString())
                .directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", tmp.resolve("home").toString());
        pb.environment().put("BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString());
        pb.environment().put("BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString());
        pb.environment().put("NO_COLOR", "1");
        return pb;
    }

    /** The suite runs its command through a shell: every word single-quoted. */
    private static String shellLine(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String w : words) {
            if (!line.isEmpty()) line.append(' ');
            line.append('\'').append(w.replace("'", "'\\''")).append('\'');
        }
        return line.toString();
    }

    private static Path resultsOf(Path out, String scenario) throws IOException {
        String prefix = scenario.replace('/', '-') + "-";
        try (Stream<Path> dirs = Files.list(out)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no results for " + scenario + " under " + out));
        }
    }
}
