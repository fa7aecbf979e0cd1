package dev.baton.server.console;

import dev.baton.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console end to end in headless Chromium (Debian's {@code chromium}, driven by
 * {@code playwright-core} from npm): sign in, start a library ensemble's run and watch its graph
 * change live, the timeline, an agent's output, cancel a run, create and revoke a key, approve a
 * tool call, the usage page, and a 1,000-agent run — with every request the page makes recorded.
 * Screenshots land in {@code target/console-screenshots/}; the 1,000-agent figures in
 * {@code target/console-screenshots/big-run.json} (reported in docs/PERFORMANCE.md, not asserted).
 */
class ConsoleBrowserTest {

    static final String PLAYWRIGHT_VERSION = "1.65.1";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path root;
    static ConsoleFixture fixture;
    static JsonNode seen;
    static Path out;

    @BeforeAll
    static void drive() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
                + " (apt-get install chromium; .ci/run installs it): skipping the console's browser tests");
        String node = Peers.which("node");
        assumeTrue(node != null, "node is not installed: skipping the console's browser tests");
        Path playwright = Peers.install("playwright-core", PLAYWRIGHT_VERSION);
        fixture = new ConsoleFixture(root);
        out = Path.of("target", "console-screenshots").toAbsolutePath();
        Files.createDirectories(out);
        Path script = root.resolve("console-e2e.mjs");
        try (InputStream in = ConsoleBrowserTest.class.getResourceAsStream("console-e2e.mjs")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(node, script.toString())).directory(root.toFile());
        pb.environment().put("PLAYWRIGHT", playwright.resolve("index.mjs").toUri().toString());
        pb.environment().put("BASE", fixture.server.url());
        pb.environment().put("KEY", fixture.adminKey);
        pb.environment().put("OUT", out.toString());
        pb.environment().put("PROFILE_DIR", Files.createTempDirectory(root, "chromium-profile").toString());
        pb.redirectError(root.resolve("e2e.stderr").toFile());
        Process p = pb.start();
        byte[] stdout = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the browser script did not end within 10 minutes");
        }
        String text = new String(stdout, StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0 || text.isEmpty()) {
            throw new AssertionError("the browser script failed (exit " + p.exitValue() + "):\n" + text + "\n"
                    + Files.readString(root.resolve("e2e.stderr")));
        }
        seen = fixture.baton.json().readTree(text.lines().reduce((a, b) -> b).orElseThrow());
        if (seen.has("big")) Files.writeString(out.resolve("big-run.json"), seen.get("big").toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) fixture.close();
    }

    @Test
    void every_step_of_the_walk_through_the_console_completes() {
        assertThat(seen.path("error").asString("")).isEmpty();
        assertThat(strings(seen.path("steps"))).containsExactly("signed in", "run watched", "timeline", "agent output",
                "cancelled", "key created and revoked", "approved", "script tried", "script edited", "config checked", "usage", "yaml validated", "big run");
        assertThat(seen.path("landed").asString()).endsWith("/console/");
    }

    @Test
    void a_node_changes_state_live_without_a_reload() {
        List<String> states = strings(seen.path("synthesisStates"));
        assertThat(states.getFirst()).isEqualTo("pending");
        assertThat(states.getLast()).isEqualTo("completed");
        assertThat(seen.path("sameDocument").asBoolean()).as("no reload between the states").isTrue();
        assertThat(seen.path("agentStates").properties()).allSatisfy(e -> assertThat(e.getValue().asString()).isEqualTo("completed"));
        assertThat(seen.path("deliverable").asString()).contains("Verdict: fix before merge.");
    }

    @Test
    void the_timeline_has_a_bar_per_agent_and_marks_the_critical_path() {
        assertThat(seen.path("timeline").path("bars").asInt()).isEqualTo(4);
        assertThat(seen.path("timelineRows").valueStream().map(r -> r.path("started").asString()).toList()).containsExactly("yes", "yes", "yes", "yes");
        assertThat(seen.path("timeline").path("critical").asString()).contains("synthesis");
    }

    @Test
    void an_agents_output_is_shown_as_rendered_markdown_with_its_model() {
        assertThat(seen.path("agentOutputText").asString()).contains("SQL injection").doesNotContain("**");
        assertThat(seen.path("agentOutputHasStrong").asInt()).isEqualTo(1);
        assertThat(seen.path("agentModel").asString()).contains("reviewer");
    }

    @Test
    void a_broken_ensemble_yaml_shows_its_problem_at_its_line_and_is_not_saved() {
        assertThat(strings(seen.path("yamlProblems"))).anyMatch(p -> p.contains("nobody"));
        assertThat(strings(seen.path("yamlBadLines"))).isNotEmpty();
        assertThat(seen.path("yamlSaveDisabled").asBoolean()).isTrue();
        assertThat(seen.path("yamlOnDisk").asBoolean()).isFalse();
    }

    @Test
    void a_script_tried_in_the_console_shows_what_it_printed() {
        assertThat(seen.path("scriptOutput").asString()).contains("ran fine", "hello from the script");
    }

    @Test
    void a_script_edited_in_the_console_shows_its_syntax_problem_at_its_line_and_is_saved_once_fixed() {
        assertThat(strings(seen.path("scriptProblems"))).anyMatch(p -> p.contains("line 2") && p.contains("fi"));
        assertThat(strings(seen.path("scriptBadLines"))).containsExactly("2");
        assertThat(seen.path("scriptSaveDisabledWhenBroken").asBoolean()).isTrue();
        assertThat(seen.path("scriptSaveDisabledBeforeCheck").asBoolean()).isTrue();
        assertThat(seen.path("scriptOnDisk").asString()).contains("hello from the script", "# edited in the console").doesNotContain("broken");
    }

    @Test
    void a_configuration_with_an_unknown_key_shows_it_at_its_line_and_is_not_saved() {
        assertThat(strings(seen.path("configProblems"))).anyMatch(p -> p.contains("line 1") && p.contains("bogus_key"));
        assertThat(seen.path("configSaveDisabled").asBoolean()).isTrue();
        assertThat(seen.path("configOnDisk").asBoolean()).isTrue();
    }

    @Test
    void a_run_cancelled_in_the_console_shows_as_cancelled() {
        assertThat(seen.path("cancelled").asString()).contains("cancelled");
    }

    @Test
    void a_key_made_in_the_console_works_until_it_is_revoked_there() {
        assertThat(seen.path("secretLooksLikeKey").asBoolean()).isTrue();
        assertThat(seen.path("newKeyWorks").asInt()).isEqualTo(200);
        assertThat(seen.path("revokedKeyStatus").asInt()).isEqualTo(401);
    }

    @Test
    void a_tool_call_approved_in_the_console_runs() {
        assertThat(seen.path("approvedRun").path("status").asString()).isEqualTo("completed");
        assertThat(seen.path("approvedRun").path("output").asString()).startsWith("the tool said:");
        assertThat(fixture.project.resolve("notes.txt")).hasContent("from the agent");
    }

    @Test
    void the_page_requests_nothing_from_another_host_and_the_csp_holds() {
        assertThat(seen.path("requests").size()).isGreaterThan(20);
        assertThat(strings(seen.path("offHost"))).isEmpty();
        assertThat(strings(seen.path("consoleErrors"))).noneMatch(m -> m.contains("Content Security Policy"));
        assertThat(strings(seen.path("consoleErrors"))).noneMatch(m -> m.startsWith("pageerror"));
    }

    @Test
    void screenshots_of_the_run_timeline_and_usage_pages_are_saved() {
        assertThat(out.resolve("console-run.png")).isNotEmptyFile();
        assertThat(out.resolve("console-timeline.png")).isNotEmptyFile();
        assertThat(out.resolve("console-usage.png")).isNotEmptyFile();
    }

    @Test
    void a_thousand_agent_run_renders_its_graph_and_a_bar_per_agent() {
        assertThat(seen.path("big").path("bars").asInt()).isEqualTo(ConsoleFixture.BIG_AGENTS);
        System.out.println("console 1,000-agent run: " + seen.path("big"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
