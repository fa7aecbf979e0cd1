package dev.baton.cli;

import dev.baton.library.Library;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;

/** {@code baton library browse|search|show|copy}: the bundled scripts and example ensembles. */
@Command(name = "library", description = "Browse, search, show and copy the bundled scripts and example ensembles.",
        subcommands = {LibraryCommand.Browse.class, LibraryCommand.Search.class, LibraryCommand.Show.class,
                LibraryCopy.class})
final class LibraryCommand extends CommandGroup {

    static Library.Entry entry(Library library, String name) {
        return library.find(name).orElseThrow(() -> UsageException.notFound("no library entry named '" + name
                + "' (see: baton library browse)"));
    }

    /** A library entry in {@code library browse|search -o json}: kind is {@code script}, {@code ensemble} or {@code operation}; files are paths under {@code .baton/}. */
    record EntryJson(String name, String kind, String description, List<String> tags, List<String> files) {
        static EntryJson of(Library.Entry e) {
            return new EntryJson(e.name(), e.kind().name(), e.description(), e.tags(), e.files());
        }
    }

    /** {@code library show -o json}: the entry with each file's path, where a copy puts it, and its text. */
    record ShowJson(String name, String kind, String description, List<String> tags, List<FileJson> files) {
        record FileJson(String path, String target, String content) {
        }
    }

    static void printEntries(PrintWriter out, OutputFormat format, List<Library.Entry> entries) {
        if (format == OutputFormat.json) {
            Json.print(out, entries.stream().map(EntryJson::of).toList());
            return;
        }
        Table table = new Table("NAME", "KIND", "TAGS", "DESCRIPTION");
        for (Library.Entry e : entries) table.row(e.name(), e.kind(), String.join(",", e.tags()), e.description());
        table.print(out);
    }

    @Command(name = "browse", description = "List the library's scripts and ensembles.")
    static final class Browse implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Option(names = "--kind", paramLabel = "KIND", description = "only this kind: script, ensemble or operation")
        Library.Kind kind;

        Browse(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            printEntries(spec.commandLine().getOut(), output.resolve(env, false), Library.load().entries(kind));
        }
    }

    @Command(name = "search", description = "Find library entries whose name, description or tags hold every word.")
    static final class Search implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "QUERY", arity = "1..*", description = "words to look for")
        List<String> query;

        Search(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            List<Library.Entry> hits = Library.load().search(String.join(" ", query));
            OutputFormat format = output.resolve(env, false);
            if (hits.isEmpty() && format != OutputFormat.json) {
                spec.commandLine().getErr().println("no library entry matches '" + String.join(" ", query) + "'");
                return;
            }
            printEntries(spec.commandLine().getOut(), format, hits);
        }
    }

    @Command(name = "show", description = "Print a library entry and the full text of its files.")
    static final class Show implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "NAME", description = "a library entry (see: baton library browse)")
        String name;

        Show(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            Library.Entry e = entry(Library.load(), name);
            PrintWriter out = spec.commandLine().getOut();
            if (output.resolve(env, false) == OutputFormat.json) {
                List<ShowJson.FileJson> files = e.files().stream()
                        .map(f -> new ShowJson.FileJson(f, ".baton/" + f, Library.read(f))).toList();
                Json.print(out, new ShowJson(e.name(), e.kind().name(), e.description(), e.tags(), files));
                return;
            }
            out.println(e.name() + " (" + e.kind() + "): " + e.description());
            out.println("tags: " + String.join(", ", e.tags()));
            out.println("copy: baton library copy " + e.name());
            for (String f : e.files()) {
                out.println();
                out.println("==> " + f + " (copied to .baton/" + f + ") <==");
                String text = Library.read(f);
                out.print(text.endsWith("\n") ? text : text + "\n");
            }
            out.flush();
        }
    }
}
