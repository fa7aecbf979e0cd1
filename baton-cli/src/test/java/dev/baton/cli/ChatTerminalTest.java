package dev.baton.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton chat} on a real pseudo-terminal: the CLI runs in a child JVM inside a detached
 * tmux session of its own; the test types with {@code send-keys} and reads the screen with
 * {@code capture-pane}, polling with generous time limits (never a fixed sleep as an assertion).
 */
class ChatTerminalTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CONFIG = """
            providers:
              canned:
                kind: scripted
                options:
                  script:
                    match_on: conversation
                    rules:
                      - match: "."
                        match_on: tool_results
                        reply: {text: "Tool finished."}
                      - match: "(?s)kiwi.*which fruit"
                        reply: {text: "It was **kiwi**."}
                      - match: "(?s)save a note$"
                        reply:
                          tool_calls:
                            - {name: write_file, arguments: {path: saved.txt, content: "hello"}}
                      - match: "(?s)tell a long story$"
                        reply: {text: "once upon a time there was a story that went on and on and on and never ended", chunk_delay_ms: 700}
                      - match: "."
                        reply: {text: "Noted, streaming\\nover two lines.", chunk_delay_ms: 20}
            profiles:
              default: {provider: canned, model: m}
            """;

    @TempDir
    Path tmp;

    private final String socket = "baton-chat-test-" + UUID.randomUUID().toString().substring(0, 8);
    private Path work;
    private int sessions;

    @BeforeEach
    void project() throws Exception {
        Assumptions.assumeTrue(tmuxInstalled(), "tmux is not installed");
        work = Files.createDirectories(tmp.resolve("work"));
        Files.createDirectories(work.resolve(".baton"));
        Files.writeString(work.resolve(".baton/config.yaml"), CONFIG);
    }

    @AfterEach
    void stopTmux() throws Exception {
        if (work != null) tmux("kill-server");
    }

    @Test
    void a_streamed_turn_stats_approvals_and_ctrl_c_then_resume_with_session() throws Exception {
        String pane = start("--tools", "write_file");
        awaitScreen(pane, "default>\\s*$");

        type(pane, "remember kiwi");
        awaitScreen(pane, "Noted, streaming\\s*\\n\\s*over two lines\\.");

        type(pane, "/stats");
        awaitScreen(pane, "turns: 1");
        assertThat(screen(pane)).containsPattern("tokens: \\d+ in, \\d+ out").contains("last context:").contains("(estimated)");

        type(pane, "save a note");
        awaitScreen(pane, "Allow\\? \\[y\\]es / \\[n\\]o / \\[a\\]lways for this tool in this run:\\s*$");
        type(pane, "n");
        awaitScreen(pane, "write_file .* -> denied");
        assertThat(work.resolve("saved.txt")).doesNotExist();

        type(pane, "save a note");
        awaitScreen(pane, "(?s)denied.*Allow\\? \\[y\\]es / \\[n\\]o / \\[a\\]lways for this tool in this run:\\s*$");
        type(pane, "y");
        awaitScreen(pane, "write_file .* -> ok");
        awaitScreen(pane, "Tool finished\\.(?s).*Tool finished\\.");
        assertThat(work.resolve("saved.txt")).hasContent("hello");

        type(pane, "tell a long story");
        awaitScreen(pane, "once upon");
        tmux("send-keys", "-t", pane, "C-c");
        awaitScreen(pane, "\\[cancelled]");
        assertThat(screen(pane)).doesNotContain("never ended");
        awaitScreen(pane, "\\[cancelled]\\s*\\n.*default>\\s*$");

        // the second Ctrl-C leaves, with 130
        tmux("send-keys", "-t", pane, "C-c");
        awaitScreen(pane, "EXIT=130");
        String session = ChatPipedTest.sessionOf(screen(pane));

        String resumed = start("--session", session);
        awaitScreen(resumed, "session " + session + " resumed(?s).*default>\\s*$");
        type(resumed, "which fruit did I name?");
        awaitScreen(resumed, "It was .*kiwi.*\\.");
        type(resumed, "/exit");
        awaitScreen(resumed, "EXIT=0");
    }

    /** Starts {@code baton chat ARGS} in a new tmux window; returns its target. */
    private String start(String... args) throws Exception {
        String name = "chat" + sessions++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("env", "HOME=" + tmp.resolve("home"),
                "BATON_CONFIG_HOME=" + tmp.resolve("home/.config/baton"), "BATON_DATA_HOME=" + tmp.resolve("home/.local/share/baton"),
                "OLLAMA_HOST=127.0.0.1:1", "TERM=xterm-256color", java, "--enable-native-access=ALL-UNNAMED",
                "-Dbaton.stdin.tty=1", "-Dbaton.stdout.tty=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "chat"));
        command.addAll(List.of(args));
        Path script = tmp.resolve(name + ".sh");
        Files.writeString(script, "cd '" + work + "'\n" + String.join(" ", command.stream().map(ChatTerminalTest::quote).toList())
                + "\necho EXIT=$?\nsleep 600\n");
        tmux("new-session", "-d", "-s", name, "-x", "150", "-y", "50", "bash " + quote(script.toString()));
        return name;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private void type(String pane, String text) throws Exception {
        tmux("send-keys", "-t", pane, "-l", text);
        tmux("send-keys", "-t", pane, "Enter");
    }

    private String screen(String pane) throws Exception {
        return tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", pane).stripTrailing();
    }

    private void awaitScreen(String pane, String regex) throws Exception {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = screen(pane);
            if (p.matcher(last).find()) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never matched /" + regex + "/ within " + WAIT.toSeconds() + " s; it shows:\n" + last);
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        return out;
    }

    private static boolean tmuxInstalled() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
