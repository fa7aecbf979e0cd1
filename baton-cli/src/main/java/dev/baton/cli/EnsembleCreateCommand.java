package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.ensemble.service.EnsembleNotFoundException;
import dev.baton.ensemble.service.Ensembles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code baton ensembles create NAME [--from TEMPLATE]}: writes a commented, valid skeleton to
 * {@code .baton/ensembles/NAME.yaml}. TEMPLATE is a built-in skeleton ({@code basic},
 * {@code script}, {@code fan-out}) or an existing ensemble (name or file), copied under the new
 * name. An existing file is never overwritten (exit 2).
 */
@Command(name = "create", description = {"Write a commented ensemble skeleton to .baton/ensembles/NAME.yaml (never overwrites).",
        "TEMPLATE: basic (default), script, fan-out, or an existing ensemble to copy."})
final class EnsembleCreateCommand implements Callable<Integer> {

    static final List<String> TEMPLATES = List.of("basic", "script", "fan-out");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern NAME_LINE = Pattern.compile("(?m)^name:.*$");

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "the new ensemble's name (letters, digits, . _ -)")
    String name;

    @Option(names = "--from", paramLabel = "TEMPLATE", defaultValue = "basic",
            description = "basic, script, fan-out, or an ensemble name or file to copy (default: ${DEFAULT-VALUE})")
    String from;

    EnsembleCreateCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new UsageException("create: '" + name + "' is not a valid ensemble name (letters, digits, '.', '_', '-')");
        }
        try (Baton baton = env.openBaton()) {
            return create(baton.ensembles());
        }
    }

    private int create(Ensembles ensembles) throws IOException {
        Path dir = ensembles.projectDirectory();
        Path target = dir.resolve(name + ".yaml");
        for (Path existing : List.of(target, dir.resolve(name + ".yml"))) {
            if (Files.exists(existing)) throw new UsageException("create: " + existing + " already exists (never overwritten)");
        }
        String content = content(ensembles);
        Files.createDirectories(dir);
        try {
            // CREATE_NEW: even a file appearing since the check above is never overwritten
            Files.writeString(target, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException("create: " + target + " already exists (never overwritten)");
        }
        print(target);
        return ExitCodes.OK;
    }

    private String content(Ensembles ensembles) throws IOException {
        if (TEMPLATES.contains(from)) return builtIn(from).replace("__NAME__", name);
        Path source;
        try {
            source = ensembles.locate(from);
        } catch (EnsembleNotFoundException e) {
            throw new UsageException("create: --from " + from + ": neither a built-in template (" + String.join(", ", TEMPLATES)
                    + ") nor an ensemble");
        }
        String yaml = Files.readString(source, StandardCharsets.UTF_8);
        Matcher m = NAME_LINE.matcher(yaml);
        String header = "# Copied from " + source + " by `baton ensembles create`.\n";
        return header + (m.find() ? m.replaceFirst(Matcher.quoteReplacement("name: " + name)) : "name: " + name + "\n" + yaml);
    }

    static String builtIn(String template) throws IOException {
        try (InputStream in = EnsembleCreateCommand.class.getResourceAsStream("/dev/baton/cli/ensemble-templates/" + template + ".yaml")) {
            if (in == null) throw new IllegalStateException("missing bundled template " + template);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code ensembles create -o json}: the file written, the ensemble's name and the template or file it came from. */
    record CreatedJson(String created, String name, String template) {
    }

    private void print(Path target) {
        PrintWriter out = spec.commandLine().getOut();
        String shown = new ProblemReport(env.workingDir()).display(target);
        if (output.resolve(env, false) == OutputFormat.json) {
            Json.print(out, new CreatedJson(shown, name, from));
            return;
        }
        out.println("created " + shown + " (from " + from + ")");
        out.println("next: baton ensembles validate " + name + "   |   baton test " + name + "   |   baton invoke " + name + " \"...\"");
        out.flush();
    }
}
