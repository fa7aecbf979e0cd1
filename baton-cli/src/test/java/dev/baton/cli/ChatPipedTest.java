package dev.baton.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton chat} with piped input: one line per message or command, for scripts. */
class ChatPipedTest {

    static final String CONFIG = """
            providers:
              canned:
                kind: scripted
                options:
                  script:
                    match_on: conversation
                    rules:
                      - match: "."
                        match_on: tool_results
                        reply: {text: "Read it."}
                      - match: "(?s)b[a]nana.*what word"
                        reply: {text: "You said banana."}
                      - match: "(?s)m[i]lk.*what do we need"
                        reply: {text: "Milk, says the note."}
                      - match: "(?s)read the note$"
                        reply:
                          tool_calls:
                            - {name: read_file, arguments: {path: notes.txt}}
                      - match: "."
                        reply: {text: "Noted."}
            profiles:
              default: {provider: canned, model: m}
              other: {provider: canned, model: m}
            """;

    @TempDir
    Path tmp;

    private CliHarness project(String config) throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Path baton = Files.createDirectories(cli.workDir().resolve(".baton"));
        Files.writeString(baton.resolve("config.yaml"), config);
        Files.writeString(cli.workDir().resolve("notes.txt"), "shopping: milk\n");
        return cli;
    }

    static String sessionOf(String stderr) {
        Matcher m = Pattern.compile("baton: session ([0-9a-f]+)").matcher(stderr);
        assertThat(m.find()).as(stderr).isTrue();
        return m.group(1);
    }

    @Test
    void each_line_is_a_turn_answered_with_the_history_before_it() throws Exception {
        CliHarness cli = project(CONFIG);

        var r = cli.runWithStdin("remember the word banana\nwhat word did I say?\n/stats\n", "chat");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Noted.\nYou said banana.\n");
        assertThat(r.out()).contains("turns: 2").contains("tokens (estimated)");
    }

    @Test
    void a_session_resumes_by_id_after_the_process_ends() throws Exception {
        CliHarness cli = project(CONFIG);
        var first = cli.runWithStdin("remember the word banana\n", "chat");
        String session = sessionOf(first.err());

        var resumed = cli.runWithStdin("what word did I say?\n", "chat", "--session", session);
        var fresh = cli.runWithStdin("what word did I say?\n", "chat");

        assertThat(resumed.out()).as(resumed.err()).contains("You said banana.");
        assertThat(resumed.err()).contains("session " + session + " resumed");
        assertThat(fresh.out()).doesNotContain("banana");
    }

    @Test
    void reset_forgets_the_current_profile_only() throws Exception {
        CliHarness cli = project(CONFIG);

        var r = cli.runWithStdin("""
                remember the word banana
                /profile other
                remember the word banana
                /reset
                what word did I say?
                /profile default
                what word did I say?
                """, "chat");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("history of other in this session reset (2 message(s) forgotten)");
        // other forgot, default still knows
        assertThat(r.out()).containsSubsequence("reset", "Noted.", "profile default", "You said banana.");
    }

    @Test
    void tool_calls_and_results_go_into_the_history_and_json_output() throws Exception {
        CliHarness cli = project(CONFIG);

        var r = cli.runWithStdin("read the note\n", "chat", "--tools", "read_file", "-o", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("turns").get(0).path("answer").asString()).isEqualTo("Read it.");
        assertThat(doc.path("turns").get(0).path("tool_messages").asInt()).isEqualTo(2);
        assertThat(doc.path("turns").get(0).path("context_exact").asBoolean()).isFalse();
        assertThat(doc.path("session").asString()).isEqualTo(sessionOf(r.err()));
    }

    @Test
    void memory_shows_the_matching_excerpt_with_its_lines_and_unknown_commands_are_named() throws Exception {
        CliHarness cli = project(CONFIG);

        var r = cli.runWithStdin("/memory milk\n/memory zebra\n/nope\n/mode sometimes\n", "chat");

        assertThat(r.out()).contains("--- notes.txt:1-1\nshopping: milk").contains("nothing in project memory matches");
        assertThat(r.err()).contains("unknown command /nope").contains("/mode: give manual or trust, not 'sometimes'");
    }

    @Test
    void with_memory_each_message_takes_the_matching_excerpts_and_without_it_none() throws Exception {
        CliHarness cli = project(CONFIG);

        // the project's notes.txt says "shopping: milk"; the rules are written so that they do not match their own text
        var with = cli.runWithStdin("shopping: what do we need?\n", "chat", "--memory");
        var without = cli.runWithStdin("shopping: what do we need?\n", "chat");

        assertThat(with.exit()).as(with.err()).isZero();
        assertThat(with.out()).contains("Milk, says the note.");
        assertThat(without.out()).contains("Noted.").doesNotContain("Milk, says the note.");
    }

    @Test
    void an_unknown_session_is_a_usage_error() throws Exception {
        CliHarness cli = project(CONFIG);

        var r = cli.runWithStdin("", "chat", "--session", "abc123");

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--session: no stored chat session 'abc123'");
    }

    @Test
    void a_task_too_long_for_the_window_fails_before_anything_is_sent() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"error\":{\"message\":\"bad request\",\"type\":\"invalid_request_error\"}}".getBytes();
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        try {
            CliHarness cli = project("""
                    providers:
                      local: {kind: openai, base_url: "http://127.0.0.1:%d/v1", api_key: sk-test}
                    profiles:
                      default: {provider: local, model: small-model, context_window: 300, max_tokens: 100}
                    """.formatted(upstream.getAddress().getPort()));

            var tooLong = cli.runWithStdin("word ".repeat(400) + "\n", "chat");

            assertThat(tooLong.err()).contains("CONTEXT_WINDOW_EXCEEDED").contains("nothing was sent");
            assertThat(requests.get()).as("requests the upstream saw").isZero();

            // the same upstream does see a task that fits: the count above could have been non-zero
            cli.runWithStdin("short\n", "chat");
            assertThat(requests.get()).isPositive();
        } finally {
            upstream.stop(0);
        }
    }
}
