package dev.baton.server.console;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.keys.KeySpec;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerModules;
import dev.baton.server.ServerOptions;
import dev.baton.server.api.RestApi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A project served as {@code baton serve} serves it (the standard modules, API keys on): the
 * library's {@code code-review} ensemble on a scripted model that answers after a delay (so a
 * browser sees agents change state), {@code slow} (a script agent that sleeps, to cancel),
 * {@code writer} (a tool call that waits for approval), and {@code big}, 1,000 model agents in
 * 10 chains. {@link #adminKey} is a key without limits.
 */
final class ConsoleFixture implements AutoCloseable {

    static final int BIG_AGENTS = 1000;

    final Path project;
    final Baton baton;
    final BatonServer server;
    final String adminKey;

    ConsoleFixture(Path root) throws Exception {
        this.project = root.resolve("project");
        write(".baton/config.yaml", """
                providers:
                  slowly:
                    kind: scripted
                    options:
                      script:
                        rules:
                          - match: "(?m)^system: You are a security reviewer"
                            match_on: conversation
                            reply: {text: "## Security\\n\\n- **SQL injection**: use a prepared statement.", latency_ms: 1500}
                          - match: "(?m)^system: You merge three"
                            match_on: conversation
                            reply: {text: "Verdict: fix before merge.", latency_ms: 1200}
                        fallback: {text: "no findings", latency_ms: 1500}
                  quick:
                    kind: scripted
                    options:
                      script:
                        fallback: {text: "done", latency_ms: 50}
                  writey:
                    kind: scripted
                    options:
                      script:
                        rules:
                          - match: "."
                            match_on: tool_results
                            reply: {text: "the tool said: {{tool_result:write_file}}"}
                          - match: "."
                            reply:
                              tool_calls:
                                - name: write_file
                                  arguments: {path: notes.txt, content: "from the agent"}
                profiles:
                  default: {provider: slowly, model: reviewer, prices: {input: 3.0, output: 15.0}}
                  quick: {provider: quick, model: q, prices: {input: 0.5, output: 1.5}}
                  writer: {provider: writey, model: w}
                """);
        write(".baton/ensembles/code-review.yaml", library("code-review.yaml"));
        write(".baton/ensembles/slow.yaml", """
                name: slow
                description: one agent that takes a minute
                agents:
                  - name: nap
                    script: sleep 60
                """);
        write(".baton/ensembles/writer.yaml", """
                name: writer
                agents:
                  - {name: w, model_profile: writer, tools: [write_file]}
                """);
        write(".baton/ensembles/big.yaml", big());
        write(".baton/scripts/greet.sh", "#!/bin/sh\n# Says hello to its input\nprintf 'hello from the script'\n");
        Map<String, String> env = Map.of("HOME", root.resolve("home").toString(), "PATH", System.getenv("PATH"),
                "OLLAMA_HOST", "127.0.0.1:1");
        baton = Baton.builder(BatonPaths.discover(project, env), env).database(root.resolve("baton.db")).build();
        adminKey = baton.apiKeys().create(KeySpec.named("console-admin")).secret().reveal();
        BatonServer.Builder b = BatonServer.builder(baton, ServerOptions.defaults().withPort(0).withMcp(false)).accessLog(null);
        ServerModules.authenticator(baton).ifPresent(b::authenticator);
        for (var m : ServerModules.standard(baton)) b.module(m instanceof RestApi ? new RestApi() : m);
        server = b.start();
    }

    /** 1,000 agents: 10 chains of 100, each agent waiting for the one before it in its chain. */
    private static String big() {
        StringBuilder y = new StringBuilder("name: big\ndescription: 1,000 agents in 10 chains\nmax_concurrency: 64\nagents:\n");
        for (int i = 0; i < BIG_AGENTS; i++) {
            y.append("  - {name: a").append(i).append(", model_profile: quick");
            if (i >= 10) y.append(", depends_on: [a").append(i - 10).append("]");
            y.append("}\n");
        }
        return y.toString();
    }

    private static String library(String name) throws IOException {
        try (InputStream in = Baton.class.getClassLoader().getResourceAsStream("dev/baton/library/ensembles/" + name)) {
            if (in == null) throw new IllegalStateException("library ensemble " + name + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Override
    public void close() throws Exception {
        server.close();
        baton.close();
    }
}
