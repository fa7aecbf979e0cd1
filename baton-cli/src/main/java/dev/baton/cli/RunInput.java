package dev.baton.cli;

import dev.baton.config.UnreadableTextException;
import dev.baton.config.Utf8TextReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picks a run's input, first one given wins: the INPUT argument, {@code --input},
 * {@code --input-file}, piped standard input (read only when nothing before it was given and
 * stdin is not a terminal; blank counts as none), else null, which makes the engine use the
 * ensemble's {@code default_task}.
 */
record RunInput(String text, String source) {

    static RunInput resolve(String argument, String option, Path file, CliEnvironment env) {
        if (argument != null) return new RunInput(argument, "argument");
        if (option != null) return new RunInput(option, "--input");
        if (file != null) return new RunInput(readFile(env.workingDir().resolve(file), file), "--input-file " + file);
        if (!env.stdinIsTerminal()) {
            String piped = readStdin(env);
            if (!piped.isBlank()) return new RunInput(stripFinalNewline(piped), "stdin");
        }
        return new RunInput(null, "default_task");
    }

    private static String readFile(Path file, Path given) {
        if (!Files.isRegularFile(file)) throw UsageException.notFound("--input-file: no such file: " + file);
        try {
            return Utf8TextReader.readFile(file, Long.MAX_VALUE);
        } catch (UnreadableTextException e) {
            throw new UsageException("--input-file: " + given + ": " + e.problem());
        }
    }

    /**
     * All of standard input as text. Bytes that are not UTF-8 are a usage error (exit 2), as they
     * are in {@code --input-file}: replacing them would hand the model text the user never wrote.
     */
    static String readStdin(CliEnvironment env) {
        byte[] bytes;
        try {
            bytes = env.stdin().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
        try {
            return Utf8TextReader.decode(bytes, "standard input");
        } catch (UnreadableTextException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@code echo x | baton invoke} gives "x\n"; the newline is the shell's, not the user's. */
    private static String stripFinalNewline(String s) {
        if (s.endsWith("\r\n")) return s.substring(0, s.length() - 2);
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
