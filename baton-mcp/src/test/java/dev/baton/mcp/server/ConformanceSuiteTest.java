package dev.baton.mcp.server;

import dev.baton.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, server mode)
 * against Baton's Streamable HTTP endpoint with the conformance fixtures registered through the
 * extension API. Every server scenario the installed version lists must run and none of its checks
 * may fail; the verdict comes from each scenario's {@code checks.json}, not from the exit code
 * alone (a scenario can "pass" on an error answer). Skipped only when node or npm is absent.
 */
class ConformanceSuiteTest {

    static final String VERSION = "0.1.16";
    /** 0.1.16 needs Node 22 or newer; the `node` npm package of this version carries that binary. */
    static final String NODE_VERSION = "22.23.3";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static McpHttpServer server;

    @TempDir
    Path out;

    @BeforeAll
    static void start() throws Exception {
        server = BatonMcpServer.builder().name("baton-conformance").version("test")
                .extension(new ConformanceFixtures()).build()
                .serveHttp(McpHttpOptions.defaults().withPort(0));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void every_server_scenario_of_the_official_suite_passes_every_check() throws Exception {
        assumeTrue(Peers.which("node") != null, "node is not installed: skipping the MCP conformance suite");
        String node = Peers.install("node", NODE_VERSION).resolve("bin/node").toString();
        Path suite = Peers.install("@modelcontextprotocol/conformance", VERSION).resolve("dist/index.js");
        List<String> scenarios = serverScenarios(node, suite);
        assertThat(scenarios).as("server scenarios listed by conformance " + VERSION).hasSizeGreaterThan(20);

        Path log = out.resolve("conformance.log");
        int exit = suite(node, suite, log, List.of());
        // a run without --scenario leaves out the scenarios this version marks as pending; they are run one by one
        for (String scenario : scenarios) {
            if (checksOf(out.resolve("results"), scenario) == null) {
                exit |= suite(node, suite, out.resolve(scenario + ".log"), List.of("--scenario", scenario));
                Files.writeString(log, Files.readString(out.resolve(scenario + ".log")), java.nio.file.StandardOpenOption.APPEND);
            }
        }

        Map<String, List<String>> failures = new LinkedHashMap<>();
        for (String scenario : scenarios) {
            Path checks = checksOf(out.resolve("results"), scenario);
            if (checks == null) {
                failures.put(scenario, List.of("no checks.json written"));
                continue;
            }
            List<String> failed = new ArrayList<>();
            for (JsonNode check : JSON.readTree(checks.toFile())) {
                if (check.path("status").asString().equals("FAILURE")) {
                    failed.add(check.path("id").asString() + ": " + check.path("errorMessage").asString(""));
                }
            }
            if (!failed.isEmpty()) failures.put(scenario, failed);
        }
        assertThat(failures).as("failed checks by scenario; suite output:%n%s",
                Files.readString(log, StandardCharsets.UTF_8)).isEmpty();
        assertThat(exit).as("the suite's exit codes").isZero();
    }

    private int suite(String node, Path suite, Path log, List<String> extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(node, suite.toString(), "server",
                "--url", "http://localhost:" + server.port() + "/mcp", "-o", out.resolve("results").toString()));
        cmd.addAll(extra);
        Process run = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("the suite finished within 5 minutes").isTrue();
        return run.exitValue();
    }

    /** The "Server scenarios" section of {@code conformance list}. */
    private static List<String> serverScenarios(String node, Path suite) throws IOException, InterruptedException {
        Process list = new ProcessBuilder(node, suite.toString(), "list").redirectErrorStream(true).start();
        String text = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor(1, TimeUnit.MINUTES);
        List<String> names = new ArrayList<>();
        boolean inServer = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("Server scenarios")) inServer = true;
            else if (line.startsWith("Client scenarios")) inServer = false;
            else if (inServer && line.strip().startsWith("- ")) {
                // "- tools-list [2025-06-18,2025-11-25]": the name, without the protocol versions it covers
                names.add(line.strip().substring(2).replaceFirst("\\s*\\[.*\\]$", "").strip());
            }
        }
        return names;
    }

    private static Path checksOf(Path results, String scenario) throws IOException {
        if (!Files.isDirectory(results)) return null;
        try (Stream<Path> dirs = Files.list(results)) {
            return dirs.filter(d -> d.getFileName().toString().matches("server-" + java.util.regex.Pattern.quote(scenario) + "-\\d.*"))
                    .map(d -> d.resolve("checks.json")).filter(Files::isRegularFile).findFirst().orElse(null);
        }
    }
}
