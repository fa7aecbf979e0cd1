package dev.baton.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with its own working directory, environment and stdin. */
final class CliHarness {

    record Result(int exit, String out, String err) {
    }

    private final Path workDir;
    private final Map<String, String> env = new HashMap<>();

    CliHarness(Path root) {
        this.workDir = root.resolve("work");
        workDir.toFile().mkdirs();
        env.put("HOME", root.resolve("home").toString());
        env.put("BATON_CONFIG_HOME", root.resolve("home/.config/baton").toString());
        env.put("BATON_DATA_HOME", root.resolve("home/.local/share/baton").toString());
        env.put("OLLAMA_HOST", "127.0.0.1:1");
    }

    CliHarness env(String key, String value) {
        env.put(key, value);
        return this;
    }

    Path workDir() {
        return workDir;
    }

    Result run(String... args) {
        return runWithStdin("", args);
    }

    Result runWithStdin(String stdin, String... args) {
        return runIn(workDir, stdin, args);
    }

    /** Runs with {@code dir} as the working directory (e.g. a subfolder of the project). */
    Result runIn(Path dir, String stdin, String... args) {
        return runIn(dir, stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Runs with raw bytes on stdin (e.g. bytes that are not UTF-8). */
    Result runIn(Path dir, byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment e = new CliEnvironment(dir, Map.copyOf(env),
                new ByteArrayInputStream(stdin), false, false, CliEnvironment::defaultBaton);
        int code = Main.run(e, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
