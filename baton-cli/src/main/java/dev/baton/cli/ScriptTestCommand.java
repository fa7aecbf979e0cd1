package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.ensemble.agent.ScriptProcess;
import dev.baton.ensemble.service.ScriptInfo;
import dev.baton.ensemble.service.ScriptTrial;
import dev.baton.ensemble.service.ScriptTrialResult;
import dev.baton.ensemble.service.Scripts;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code baton scripts test NAME --parameters JSON [--input TEXT]}: runs a script once, as a
 * script agent would run (same lookup, interpreter, working directory and stdin protocol), and
 * prints its stdout (pretty JSON when it is JSON) with the exit status and the tail of stderr.
 * Exit 1 when the script fails: a non-zero exit, a timeout, too much output, or a JSON object
 * with {@code "success": false}.
 */
@Command(name = "test", description = "Run a script once with the protocol's JSON on stdin and show what it did.")
final class ScriptTestCommand implements Callable<Integer> {

    private static final int STDERR_LINES = 20;

    private final CliEnvironment env;
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;
    @Parameters(paramLabel = "NAME", description = "the script, as an ensemble's script: names it (extension optional)")
    String name;
    @Option(names = "--parameters", paramLabel = "JSON", description = "the agent's parameters, a JSON object (default {})")
    String parameters;
    @Option(names = "--input", paramLabel = "TEXT", description = "the input text (default empty)")
    String input;
    @Option(names = "--input-file", paramLabel = "FILE", description = "read the input text from FILE")
    Path inputFile;
    @Option(names = "--dependencies", paramLabel = "JSON",
            description = "completed dependencies' outputs as a JSON object {name: output}")
    String dependencies;
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "kill the script after this long (default 60)")
    double timeoutSeconds = 60;

    ScriptTestCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        try (Baton baton = env.openBaton()) {
            return call(baton.ensembles().scripts());
        }
    }

    private int call(Scripts scripts) throws IOException, InterruptedException {
        ScriptInfo script = ScriptsCommand.find(scripts, name);
        if (!script.runnable()) {
            throw new UsageException(script.path() + " has no known extension (.py .sh .js .mjs .rb) and is not executable");
        }
        String text = inputText();
        ObjectNode parameterObject = jsonObject("--parameters", parameters);
        ObjectNode dependencyObject = jsonObject("--dependencies", dependencies);
        warnUnknownParameters(script, parameterObject);
        ScriptTrial trial = new ScriptTrial(text, parameterObject, dependencyObject, timeout());
        ScriptTrialResult r;
        try {
            r = scripts.test(script, trial);
        } catch (IOException e) {
            // the service's message names the command; thrown so -o json gets its error document
            throw new BatonException(ErrorCode.AGENT_FAILURE, e.getMessage(), e);
        }
        report(script, r);
        return r.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** A parameter the script does not declare is most likely a misspelt one it will silently ignore. */
    private void warnUnknownParameters(ScriptInfo script, ObjectNode given) {
        ScriptParameters.declared(script.path())
                .flatMap(declared -> ScriptParameters.unknown(script.name(), declared, given.propertyNames()))
                .ifPresent(w -> spec.commandLine().getErr().println("baton: warning: " + w));
    }

    private Duration timeout() {
        if (!(timeoutSeconds > 0)) throw new UsageException("--timeout must be a positive number of seconds");
        return Duration.ofMillis((long) (timeoutSeconds * 1000));
    }

    private String inputText() throws IOException {
        if (input != null && inputFile != null) throw new UsageException("give --input or --input-file, not both");
        if (inputFile == null) return input == null ? "" : input;
        Path file = env.workingDir().resolve(inputFile);
        if (!Files.isRegularFile(file)) throw UsageException.notFound("no such input file: " + inputFile);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static ObjectNode jsonObject(String option, String text) {
        if (text == null || text.isBlank()) return JsonNodeFactory.instance.objectNode();
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            if (n instanceof ObjectNode o) return o;
        } catch (JacksonException e) {
            throw new UsageException(option + " is not valid JSON: " + e.getOriginalMessage());
        }
        throw new UsageException(option + " must be a JSON object, e.g. '{\"key\": \"value\"}'");
    }

    private static JsonNode parse(String text) {
        String t = text.strip();
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) return null;
        try {
            return Json.MAPPER.readTree(t);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * {@code scripts test -o json}: how the script ran. {@code stdout} is the script's output as
     * JSON when it is a JSON object or array, else as a string; {@code stderr} is its last part;
     * {@code error} says why the run counts as failed (null when {@code ok}).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ScriptRunJson(String script, String path, List<String> command, boolean ok, int exitCode, boolean timedOut,
                         long durationMs, JsonNode stdout, boolean stdoutTruncated, String stderr, String error) {
    }

    private void report(ScriptInfo script, ScriptTrialResult trial) {
        ScriptProcess.Result r = trial.process();
        String failure = trial.failure();
        PrintWriter out = spec.commandLine().getOut();
        JsonNode json = parse(r.stdout());
        if (output.resolve(env, false) == OutputFormat.json) {
            Json.print(out, new ScriptRunJson(script.name(), script.path().toString(), trial.command(), failure == null,
                    r.exitCode(), r.timedOut(), r.duration().toMillis(),
                    json != null ? json : JsonNodeFactory.instance.stringNode(r.stdout()), r.stdoutOverflowed(),
                    r.stderrTail(), failure));
            return;
        }
        String text = json != null ? Json.MAPPER.writeValueAsString(json) : r.stdout();
        if (!text.isEmpty()) out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println((failure == null ? "ok: " : "failed: " + failure + "; ") + "exit " + r.exitCode() + " in "
                + r.duration().toMillis() + " ms (" + String.join(" ", trial.command()) + ")");
        List<String> tail = tail(r.stderrTail());
        if (!tail.isEmpty()) {
            err.println("stderr (last " + Quantity.of(tail.size(), "line") + "):");
            tail.forEach(l -> err.println("  " + l));
        }
        err.flush();
    }

    private static List<String> tail(String stderr) {
        List<String> lines = Arrays.asList(stderr.strip().split("\\R"));
        if (stderr.isBlank()) return List.of();
        return lines.subList(Math.max(0, lines.size() - STDERR_LINES), lines.size());
    }
}
