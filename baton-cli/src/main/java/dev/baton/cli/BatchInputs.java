package dev.baton.cli;

import dev.baton.config.UnreadableTextException;
import dev.baton.config.Utf8TextReader;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code --batch} file: JSON Lines, each line a JSON string (the input) or an object
 * whose {@code input} is the input (a string as it is, another value as its JSON text, null for the
 * ensemble's {@code default_task}). Blank lines are skipped. A bad line is a usage error naming
 * its line number.
 */
final class BatchInputs {

    private BatchInputs() {
    }

    /** The inputs of {@code file} ({@code -} reads stdin), in order; a null entry means {@code default_task}. */
    static List<String> read(String file, CliEnvironment env) {
        String text = file.equals("-") ? RunInput.readStdin(env) : readFile(env.workingDir().resolve(file), file);
        List<String> inputs = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) inputs.add(parse(file, i + 1, lines.get(i)));
        }
        if (inputs.isEmpty()) throw new UsageException("--batch: " + file + " holds no inputs");
        return inputs;
    }

    private static String readFile(Path p, String given) {
        if (!Files.isRegularFile(p)) throw UsageException.notFound("--batch: no such file: " + p);
        try {
            return Utf8TextReader.readFile(p, Long.MAX_VALUE);
        } catch (UnreadableTextException e) {
            throw new UsageException("--batch: " + given + ": " + e.problem());
        }
    }

    private static String parse(String file, int line, String text) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new UsageException("--batch: " + file + ":" + line + ": not JSON: " + e.getOriginalMessage());
        }
        if (n.isString()) return n.stringValue();
        if (n.isObject() && n.has("input")) {
            JsonNode input = n.get("input");
            return input.isNull() ? null : input.isString() ? input.stringValue() : input.toString();
        }
        throw new UsageException("--batch: " + file + ":" + line
                + ": each line must be a JSON string or an object with \"input\"");
    }
}
