package dev.baton.cli;

import dev.baton.library.Library;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.Baton;
import dev.baton.ensemble.service.ScriptInfo;
import dev.baton.ensemble.service.Scripts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** {@code baton scripts list|show|test}: the script agents of this project and of the user tier. */
@Command(name = "scripts", description = "List, show and try script agents (.baton/scripts, .llm-orc/scripts, then ~/.config/baton/scripts).",
        subcommands = {ScriptsCommand.ListCmd.class, ScriptsCommand.ShowCmd.class, ScriptTestCommand.class})
final class ScriptsCommand extends CommandGroup {

    static ScriptInfo find(Scripts catalog, String name) {
        return catalog.find(name).orElseThrow(() -> UsageException.notFound("no script named '" + name + "' in "
                + catalog.searchPath() + Library.load().find(name)
                        .filter(e -> e.kind() == Library.Kind.script)
                        .map(e -> "; the library has it: baton library copy " + e.name())
                        .orElse(" (see: baton scripts list)")));
    }

    /**
     * A script in {@code scripts list|show -o json}: interpreter null when it cannot be run;
     * {@code content} (the script's text) only from {@code show}.
     */
    record ScriptJson(String name, String tier, String path, String interpreter, String description, boolean shadowed,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String content) {
        static ScriptJson of(ScriptInfo s, String content) {
            return new ScriptJson(s.name(), s.tier().label(), s.path().toString(), s.interpreter(), s.description(),
                    s.shadowed(), content);
        }
    }

    @Command(name = "list", description = "List the scripts of the project, then of the user tier.")
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
            List<ScriptInfo> scripts;
            try (Baton baton = env.openBaton()) {
                scripts = baton.ensembles().scripts().list();
            }
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, scripts.stream().map(s -> ScriptJson.of(s, null)).toList());
                return;
            }
            if (scripts.isEmpty()) {
                spec.commandLine().getErr().println("no scripts in .baton/scripts or the user tier"
                        + " (add some with: baton library browse --kind script)");
                return;
            }
            Table table = new Table("NAME", "TIER", "INTERPRETER", "DESCRIPTION");
            for (ScriptInfo s : scripts) {
                String interpreter = s.interpreter() == null ? "(not runnable: no known extension, not executable)"
                        : s.interpreter();
                table.row(s.name(), s.shadowed() ? s.tier().label() + " (shadowed)" : s.tier().label(), interpreter, s.description());
            }
            table.print(out);
        }
    }

    @Command(name = "show", description = "Print a script with where it was found and how it runs.")
    static final class ShowCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "NAME", description = "the script, as an ensemble's script: names it (extension optional)")
        String name;

        ShowCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            ScriptInfo s;
            try (Baton baton = env.openBaton()) {
                s = find(baton.ensembles().scripts(), name);
            }
            String content;
            try {
                content = Files.readString(s.path(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot read " + s.path() + ": " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, ScriptJson.of(s, content));
                return;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("# " + s.path() + " (" + s.tier().label() + ", "
                    + (s.interpreter() == null ? "not runnable" : s.interpreter()) + ")");
            err.flush();
            out.print(content.endsWith("\n") || content.isEmpty() ? content : content + "\n");
            out.flush();
        }
    }
}
