package dev.baton.cli;

import dev.baton.library.Library;
import dev.baton.library.LibraryCopier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code baton library copy NAME [--force]}: copies an entry's files into the project's
 * {@code .baton/} (the one found by walking up from the working directory, else a new one
 * here). A file that exists with other content is never replaced without {@code --force}; then
 * nothing is copied at all, so an entry is never left half-installed.
 */
@Command(name = "copy", description = "Copy a library entry into this project's .baton/ (never overwrites without --force).")
final class LibraryCopy implements Callable<Integer> {

    private final CliEnvironment env;
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;
    @Parameters(paramLabel = "NAME", description = "a library entry (see: baton library browse)")
    String name;
    @Option(names = "--force", description = "replace files that exist with other content")
    boolean force;

    LibraryCopy(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        Library.Entry entry = LibraryCommand.entry(Library.load(), name);
        Path base = env.paths().projectDirForWriting();
        Map<String, LibraryCopier.Action> plan;
        try {
            plan = LibraryCopier.copy(entry, base, force);
        } catch (LibraryCopier.ConflictException e) {
            List<String> conflicts = e.conflicts().stream().map(this::display).toList();
            throw new UsageException("not copying '" + entry.name() + "': " + String.join(", ", conflicts)
                    + " already exist" + (conflicts.size() == 1 ? "s" : "") + " with other content (use --force to overwrite)");
        }
        report(entry, base, plan);
        return ExitCodes.OK;
    }

    /** {@code library copy -o json}: the entry, and for each file where it went and what was done. */
    record CopyJson(String name, String kind, List<FileJson> files) {
        record FileJson(String path, String target, String action) {
        }
    }

    private void report(Library.Entry entry, Path base, Map<String, LibraryCopier.Action> plan) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.resolve(env, false) == OutputFormat.json) {
            List<CopyJson.FileJson> files = new ArrayList<>();
            plan.forEach((f, a) -> files.add(new CopyJson.FileJson(f, base.resolve(f).toString(), a.name())));
            Json.print(out, new CopyJson(entry.name(), entry.kind().name(), files));
            return;
        }
        plan.forEach((f, a) -> out.println(a + " " + display(base.resolve(f))));
        if (entry.kind() == Library.Kind.ensemble) {
            out.println("run it: baton invoke " + entry.name());
        } else if (entry.kind() == Library.Kind.operation) {
            out.println("see them: baton ops list; run one: baton ops run FEATURE.OPERATION --data '{...}'");
        } else {
            out.println("try it: baton scripts test " + entry.name() + " --parameters '{}' --input '...'");
        }
        out.flush();
    }

    private String display(Path p) {
        Path wd = env.workingDir().toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(wd) ? wd.relativize(abs).toString() : abs.toString();
    }
}
