package dev.baton.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton} commands run as their own JVMs from the test class path, as a user starts them
 * ({@code baton serve}, {@code baton worker}), for the tests that need real processes: their output
 * (stdout and stderr together) collected line by line, the URL a server says it serves, SIGTERM.
 */
final class ServeProcesses {

    private static final Pattern URL = Pattern.compile("baton: serving (http://\\S+?)[;\\s]");

    /** A started process and the thread reading its output into the log. */
    record Started(Process process, Thread reader) {
    }

    private ServeProcesses() {
    }

    /**
     * Starts {@code baton ARGS} in {@code project} with {@code home} as HOME (and Baton's config and data
     * folders under it) plus {@code env}; every line it prints is added to {@code log}.
     */
    static Started start(Path project, Path home, Map<String, String> env, List<String> log, String... args)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        Map<String, String> environment = pb.environment();
        environment.put("HOME", home.toString());
        environment.put("BATON_CONFIG_HOME", home.resolve(".config/baton").toString());
        environment.put("BATON_DATA_HOME", home.resolve(".local/share/baton").toString());
        environment.putAll(env);
        Process p = pb.start();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) log.add(line);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        return new Started(p, reader);
    }

    /** The URL {@code p} says it serves, once it has said so; fails when it exits or stays silent {@code within}. */
    static String awaitUrl(List<String> log, Process p, Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            for (String line : log) {
                Matcher m = URL.matcher(line + " ");
                if (m.find()) return m.group(1);
            }
            if (!p.isAlive()) throw new AssertionError("serve exited: " + log);
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not start: " + log);
    }

    /** SIGTERM, as a service manager sends it ({@link Process#destroy()} would also close our end of its output). */
    static void sigterm(Process p) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
    }
}
