package dev.baton.cli;

import dev.baton.context.Persona;
import dev.baton.context.Personas;
import dev.baton.error.BatonException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code baton personas list|show|set|reset}: the named system prompts profiles and providers speak with. */
@Command(name = "personas", description = "List, show, set and reset personas (named system prompts).",
        subcommands = {PersonasCommand.ListCmd.class, PersonasCommand.ShowCmd.class, PersonasCommand.SetCmd.class,
                PersonasCommand.ResetCmd.class})
final class PersonasCommand extends CommandGroup {

    private static final int SHOWN_CHARS = 60;

    /** A persona as {@code -o json} prints it. */
    static Map<String, Object> json(Persona p, boolean withText) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("source", p.source().name().toLowerCase(Locale.ROOT));
        m.put("chars", p.text().length());
        if (withText) m.put("text", p.text());
        return m;
    }

    private static Personas personas(CliEnvironment env) {
        return Personas.of(env.paths());
    }

    /** Runs {@code action}, turning the personas' own refusals (bad name, unknown persona) into usage errors. */
    private static <T> T guarded(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (BatonException e) {
            throw new UsageException(e.code(), e.getMessage());
        }
    }

    @Command(name = "list", description = "List the personas: shipped, overridden and your own.")
    static final class ListCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;

        ListCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            List<Persona> all = personas(env).list();
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, all.stream().map(p -> json(p, false)).toList());
                return;
            }
            Table table = new Table("PERSONA", "SOURCE", "TEXT");
            for (Persona p : all) {
                String first = p.text().lines().findFirst().orElse("");
                table.row(p.name(), p.source().name().toLowerCase(Locale.ROOT),
                        first.length() > SHOWN_CHARS ? first.substring(0, SHOWN_CHARS) + "…" : first);
            }
            table.print(out);
        }
    }

    @Command(name = "show", description = "Print one persona's text.")
    static final class ShowCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "NAME")
        String name;

        ShowCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Persona p = guarded(() -> personas(env).get(name));
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, json(p, true));
                return;
            }
            out.println(p.text());
            out.flush();
        }
    }

    @Command(name = "set", description = "Set a persona's text from a file (a new persona, or your override of a shipped one).")
    static final class SetCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--file", required = true, paramLabel = "FILE", description = "the persona's text (UTF-8); - reads stdin")
        String file;

        SetCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            String text = read();
            Persona p = guarded(() -> personas(env).set(name, text));
            PrintWriter out = spec.commandLine().getOut();
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, json(p, true));
                return;
            }
            out.println("persona " + p.name() + " set (" + p.source().name().toLowerCase(Locale.ROOT) + ", " + p.text().length()
                    + " characters)");
            out.flush();
        }

        private String read() {
            try {
                if (file.equals("-")) return new String(env.stdin().readAllBytes(), StandardCharsets.UTF_8);
                Path path = env.workingDir().resolve(file);
                if (!Files.isRegularFile(path)) throw UsageException.notFound("--file: no such file: " + file);
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                throw new UsageException("--file: " + file + " is not UTF-8 text");
            } catch (IOException e) {
                throw new UsageException("--file: cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "reset", description = "Give a shipped persona its shipped text back, or remove your own persona.")
    static final class ResetCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "NAME")
        String name;

        ResetCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            Optional<Persona> after = guarded(() -> personas(env).reset(name));
            PrintWriter out = spec.commandLine().getOut();
            if (output.resolve(env, false) == OutputFormat.json) {
                Map<String, Object> m = after.map(p -> json(p, true)).orElseGet(LinkedHashMap::new);
                if (after.isEmpty()) {
                    m.put("name", name);
                    m.put("removed", true);
                }
                Json.print(out, m);
                return;
            }
            out.println(after.isPresent() ? "persona " + name + " reset to its shipped text" : "persona " + name + " removed");
            out.flush();
        }
    }
}
