package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.operation.OperationResult;
import dev.baton.operation.Operations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code baton ops run FEATURE.OPERATION --data JSON|@FILE}: checks the input (a bad one is a usage
 * error naming the field, exit 2), runs the operation and prints its validated result — as JSON on
 * stdout with a summary line (mode, models, time, tokens, cost) on stderr, or with {@code -o json}
 * one document holding the result and its metadata.
 */
@Command(name = "run", description = "Run an operation on a JSON input and print its validated result.")
final class OpsRunCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FEATURE.OPERATION", description = "the operation's id (see: baton ops list)")
    String id;

    @Option(names = "--data", paramLabel = "JSON|@FILE", description = "the input: JSON text, or @FILE to read it from a file, or @- for stdin (default: {})")
    String data;

    OpsRunCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        JsonNode input = input();
        OperationResult result;
        try (Baton baton = env.openBaton()) {
            Operations ops = baton.operations();
            try {
                input = ops.checkInput(id, input);
            } catch (BatonException e) {
                if (e.code() == ErrorCode.VALIDATION) throw new UsageException(ErrorCode.VALIDATION, "--data: " + e.getMessage());
                throw OpsCommand.unknown(e);
            }
            result = ops.run(id, input);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.resolve(env, false) == OutputFormat.json) {
            Json.print(out, OpsJson.Run.of(result));
        } else {
            Json.print(out, result.result());
            PrintWriter err = spec.commandLine().getErr();
            err.println("baton: " + summary(result));
            err.flush();
        }
        return ExitCodes.OK;
    }

    private static String summary(OperationResult r) {
        var m = r.metadata();
        return r.operation() + " · " + m.mode().label() + (m.ensemble() == null ? "" : " (" + m.ensemble() + ", run " + m.runId() + ")")
                + " · " + String.join(", ", m.models()) + " · " + m.duration().toMillis() + " ms · "
                + Quantity.of(m.usage().totalTokens(), "token")
                + (m.costUsd() == null ? "" : " · $" + m.costUsd().toPlainString());
    }

    private JsonNode input() {
        String text = data == null ? "{}" : data;
        String where = "--data";
        if (text.startsWith("@")) {
            String name = text.substring(1);
            where = "--data " + text;
            if (name.equals("-")) {
                try {
                    text = new String(env.stdin().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UsageException("--data @-: cannot read stdin: " + e.getMessage());
                }
            } else {
                Path file = env.workingDir().resolve(name);
                try {
                    text = Files.readString(file);
                } catch (IOException | RuntimeException e) {
                    throw UsageException.notFound("--data: cannot read " + file + ": " + e.getMessage());
                }
            }
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new UsageException(where + ": not valid JSON: " + e.getOriginalMessage());
        }
    }
}
