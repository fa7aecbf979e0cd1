package dev.baton.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The workload {@code bin/baton} trains the JDK's AOT cache on (JDK 25+), once after each build:
 * the everyday commands, run offline one after another in one JVM, in the scratch directory and
 * home the launcher gives it, so that the classes and method profiles of all of them (not just of
 * one command) start from the cache, then calls through a real provider against a loopback
 * {@link TrainingUpstream} (an {@code ask} and a fan-in {@code invoke}). Each runs as a fresh
 * process runs it ({@link Main#runStarting}: the early {@code Baton} and the warm-up threads too).
 * Output is discarded; a command that fails is reported on stderr and the training goes on. Not a
 * user command.
 *
 * <p>Every class the workload loads is loaded at every start, and its pages count in every run's
 * memory; so {@code providers status} stays out: probing every provider pulls in the AWS SDK
 * and the TLS stack (~500 classes) that a run on one provider does not need. For the same reason
 * the launcher trains two caches: the whole workload for every command, and {@link #RUN_COMMANDS}
 * alone ({@code --runs}) for {@code ask} and {@code invoke}, which then start without the other
 * commands' classes; and before either it opens the scratch store in a process of its own
 * ({@code --prepare}), so that creating the store (Flyway, ~430 classes, which a start on an
 * existing store never loads) is in neither.
 */
public final class AotTraining {

    private static final List<List<String>> COMMANDS = List.of(
            List.of("--version"),
            List.of("--help"),
            List.of("profiles", "list"),
            List.of("init"),
            List.of("profiles", "show", "default"),
            List.of("models", "list"),
            List.of("ask", "hello"),
            List.of("ask", "--output-format", "json", "hello"),
            List.of("ensembles", "list"),
            List.of("ensembles", "validate", "code-review"),
            List.of("invoke", "code-review", "--input", "def f(): return 1", "-o", "json"),
            List.of("invoke", "code-review", "--input", "def f(): return 1", "-o", "text", "--no-artifact"),
            List.of("artifacts", "list"),
            List.of("stats"),
            List.of("budgets", "list"));

    /** What {@code ask} and {@code invoke} run offline: the workload of the run cache, with the upstream calls. */
    private static final List<List<String>> RUN_COMMANDS = List.of(
            List.of("init"),
            List.of("ask", "hello"),
            List.of("ask", "--output-format", "json", "hello"),
            List.of("invoke", "code-review", "--input", "def f(): return 1", "-o", "json"),
            List.of("invoke", "code-review", "--input", "def f(): return 1", "-o", "text", "--no-artifact"));

    /**
     * Calls through a real provider against {@link TrainingUpstream}: a fresh process's first
     * wave of calls otherwise loads and links the HTTP client, the wire JSON and the concurrent
     * engine paths while the user waits. Repeated so the paths are hot when training ends.
     */
    private static final List<List<String>> UPSTREAM_COMMANDS = List.of(
            List.of("ask", "-p", TrainingUpstream.PROFILE, "hello"),
            List.of("invoke", TrainingUpstream.ENSEMBLE, "--input", "def f(): return 1", "-o", "json"),
            List.of("invoke", TrainingUpstream.ENSEMBLE, "--input", "def f(): return 1", "-o", "json"),
            List.of("invoke", TrainingUpstream.ENSEMBLE, "--input", "def f(): return 1", "-o", "text"),
            List.of("invoke", TrainingUpstream.ENSEMBLE, "--input", "def f(): return 1", "-o", "json",
                    "--no-artifact"));

    private AotTraining() {
    }

    /**
     * Runs the whole workload; with {@code --runs} only that of {@code ask} and {@code invoke};
     * with {@code --prepare} only opens the store (see the class comment).
     */
    public static void main(String[] args) {
        CliEnvironment env = new CliEnvironment(Path.of("").toAbsolutePath(), System.getenv(),
                java.io.InputStream.nullInputStream(), true, false, CliEnvironment::defaultBaton);
        String mode = args.length == 0 ? "" : args[0];
        List<String> failures = switch (mode) {
            case "--prepare" -> prepare(env);
            case "--runs" -> run(env, true);
            default -> run(env, false);
        };
        failures.forEach(failure -> System.err.println("aot training: " + failure));
        System.exit(0);
    }

    /** Opens the store of {@code env}, creating it; returns the failure, if any. */
    static List<String> prepare(CliEnvironment env) {
        try (dev.baton.Baton baton = env.openBaton()) {
            baton.store();
            return List.of();
        } catch (RuntimeException e) {
            return List.of("opening the store: " + e);
        }
    }

    /** The whole workload in {@code env}; see {@link #run(CliEnvironment, boolean)}. */
    static List<String> run(CliEnvironment env) {
        return run(env, false);
    }

    /**
     * Runs the workload in {@code env} ({@link #RUN_COMMANDS} only when {@code runsOnly}), the
     * upstream calls with their configuration in the user configuration folder of {@code env};
     * returns the commands that did not exit 0.
     */
    static List<String> run(CliEnvironment env, boolean runsOnly) {
        List<String> failures = new ArrayList<>(run(env, runsOnly ? RUN_COMMANDS : COMMANDS));
        try (TrainingUpstream upstream = new TrainingUpstream()) {
            upstream.writeConfiguration(env.paths().userConfigDir());
            failures.addAll(run(env, UPSTREAM_COMMANDS));
        } catch (IOException e) {
            failures.add("training upstream: " + e);
        }
        return failures;
    }

    private static List<String> run(CliEnvironment env, List<List<String>> commands) {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true);
        List<String> failures = new ArrayList<>();
        for (List<String> command : commands) {
            int exit = Main.runStarting(env, sink, sink, command.toArray(String[]::new));
            if (exit != 0) failures.add("baton " + String.join(" ", command) + " exited " + exit);
        }
        return failures;
    }
}
