package dev.baton.server.api.internal;

import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.service.ScriptInfo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the new text of a script before it replaces the file: non-empty UTF-8 text of at most
 * {@link #MAX_CHARS} characters without NUL bytes, then a syntax check by its interpreter where
 * that check only parses — {@code bash -n} / {@code sh -n} for shell, {@code python3 -m py_compile}
 * for Python — run on a copy in a temporary folder, so neither the script nor its folder is
 * touched. A checker that is not installed, or a language without one, gives a warning, not an
 * error: the text may still be saved.
 */
final class ScriptSyntaxCheck {

    static final int MAX_CHARS = 512 * 1024;
    private static final long TIMEOUT_SECONDS = 20;
    private static final int MAX_OUTPUT = 16 * 1024;
    private static final Pattern SHELL_LINE = Pattern.compile("^(?:line )?(\\d+): (.*)$");
    private static final Pattern ANY_LINE = Pattern.compile("line (\\d+)");

    /** What the check found: errors stop a save, warnings are shown with a saved text. */
    record Findings(List<Problem> errors, List<Problem> warnings) {
    }

    private final UnaryOperator<String> executable;

    ScriptSyntaxCheck() {
        this(UnaryOperator.identity());
    }

    /** A check that runs {@code executable.apply("bash")} for bash, and so on: tests name a missing one. */
    ScriptSyntaxCheck(UnaryOperator<String> executable) {
        this.executable = executable;
    }

    Findings check(ScriptInfo script, String content) throws IOException {
        String file = script.name();
        List<Problem> errors = new ArrayList<>();
        if (content.isBlank()) errors.add(new Problem(file, null, 0, "the script is empty; write its text or delete the file"));
        if (content.length() > MAX_CHARS) {
            errors.add(new Problem(file, null, 0, "the script has " + content.length() + " characters; at most " + MAX_CHARS + " are accepted"));
        }
        int nul = content.indexOf('\0');
        if (nul >= 0) errors.add(new Problem(file, null, lineAt(content, nul), "the script has a NUL character: only text is accepted"));
        if (!errors.isEmpty()) return new Findings(errors, List.of());
        List<String> checker = checker(script, content);
        if (checker.isEmpty()) {
            return new Findings(List.of(), List.of(new Problem(file, null, 0, "no syntax check for "
                    + (script.interpreter() == null ? "this file" : script.interpreter()) + ": only its text was checked")));
        }
        return run(file, checker, content);
    }

    /** The checker's command without the file, or empty when there is none that only parses. */
    private static List<String> checker(ScriptInfo script, String content) {
        String first = content.lines().findFirst().orElse("");
        String shebang = first.startsWith("#!") ? first.substring(2).strip() : "";
        String interpreter = script.interpreter() == null ? "" : script.interpreter();
        if (interpreter.equals("python3") || shebang.contains("python")) return List.of("python3", "-m", "py_compile");
        if (interpreter.equals("bash") || shebang.contains("bash")) return List.of("bash", "-n");
        if (shebang.matches("(.*/)?(env\\s+)?sh(\\s.*)?")) return List.of("sh", "-n");
        return List.of();
    }

    private Findings run(String name, List<String> checker, String content) throws IOException {
        Path dir = Files.createTempDirectory("baton-script-check");
        try {
            String base = Path.of(name).getFileName().toString();
            Path copy = dir.resolve(base.toLowerCase(Locale.ROOT).endsWith(".py") || !checker.getFirst().equals("python3") ? base : base + ".py");
            Files.writeString(copy, content, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(checker);
            command.set(0, executable.apply(checker.getFirst()));
            command.add(copy.toString());
            // to a file, not a pipe: a checker that hangs without printing is still stopped at the timeout
            Path output = dir.resolve("checker.out");
            Process p;
            try {
                p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                return new Findings(List.of(), List.of(new Problem(name, null, 0,
                        checker.getFirst() + " is not installed on the server: the syntax was not checked")));
            }
            p.getOutputStream().close();
            boolean done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Findings(List.of(), List.of(new Problem(name, null, 0,
                        String.join(" ", checker) + " did not finish in " + TIMEOUT_SECONDS + " s: the syntax was not checked")));
            }
            if (p.exitValue() == 0) return new Findings(List.of(), List.of());
            byte[] out;
            try (var in = Files.newInputStream(output)) {
                out = in.readNBytes(MAX_OUTPUT);
            }
            return new Findings(parse(name, copy.toString(), new String(out, StandardCharsets.UTF_8)), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking " + name);
        } finally {
            delete(dir);
        }
    }

    /**
     * Shell checkers print {@code FILE: line N: message} (bash) or {@code FILE: N: message} (dash),
     * one per problem; Python prints a traceback naming {@code line N} with the error last.
     */
    static List<Problem> parse(String name, String copy, String output) {
        String text = output.replace(copy, name);
        List<Problem> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + ": ")) continue;
            Matcher m = SHELL_LINE.matcher(line.substring(name.length() + 2).strip());
            if (m.matches()) found.add(new Problem(name, null, Integer.parseInt(m.group(1)), m.group(2)));
        }
        if (!found.isEmpty()) return found;
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        Matcher m = ANY_LINE.matcher(text);
        int at = m.find() ? Integer.parseInt(m.group(1)) : 0;
        String message = lines.isEmpty() ? "the syntax check failed" : lines.getLast().strip();
        return List.of(new Problem(name, null, at, message));
    }

    private static int lineAt(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
