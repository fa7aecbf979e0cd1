package dev.baton.server.gateway;

import dev.baton.testing.Peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs a small ES module with Node 22 (the {@code node} npm package) against the gateway. The
 * script imports the npm clients by file URL ({@code {{openai}}}, {@code {{anthropic}}} are
 * replaced), so it can live in a temporary folder. Its stdout is the result.
 */
final class NodeScripts {

    static final String OPENAI_VERSION = "7.59.0";
    static final String ANTHROPIC_VERSION = "1.16.0";

    private NodeScripts() {
    }

    static Path node() {
        return Peers.install("node", "22.23.3").resolve("bin/node");
    }

    static String openaiModule() {
        return Peers.install("openai", OPENAI_VERSION).resolve("index.mjs").toUri().toString();
    }

    static String anthropicModule() {
        return Peers.install("@anthropic-ai/sdk", ANTHROPIC_VERSION).resolve("index.mjs").toUri().toString();
    }

    /** Writes {@code script} to {@code dir} and runs it with {@code env}; fails the test on a non-zero exit. */
    static String run(Path dir, String script, Map<String, String> env) throws IOException, InterruptedException {
        Path file = dir.resolve("script-" + System.nanoTime() + ".mjs");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder(List.of(node().toString(), file.toString())).directory(dir.toFile());
        pb.environment().putAll(env);
        Path err = dir.resolve(file.getFileName() + ".stderr");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("node script timed out: " + file);
        }
        String stdout = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail("node script failed (exit " + p.exitValue() + "):\n" + stdout + "\n" + Files.readString(err));
        }
        return stdout;
    }
}
