package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.config.ProfileJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code baton profiles list|show}. */
@Command(name = "profiles", description = "List and show model profiles.",
        subcommands = {ProfilesCommand.ListCmd.class, ProfilesCommand.ShowCmd.class})
final class ProfilesCommand extends CommandGroup {

    @Command(name = "list", description = "List the configured and built-in profiles.")
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
            try (Baton baton = env.openBaton()) {
                List<ProfileJson> rows = new ArrayList<>();
                for (String name : baton.profiles().names()) rows.add(ProfileJson.of(baton.profile(name)));
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, rows);
                    return;
                }
                Table table = new Table("PROFILE", "MODEL", "ORIGIN");
                for (ProfileJson r : rows) table.row(r.name(), r.provider() + "/" + r.model(), r.origin());
                // llm-orc profiles Baton cannot call are listed too, so none goes missing without a word
                baton.profiles().unusable().forEach((name, why) -> table.row(name, "(unusable)", why));
                table.print(out);
            }
        }
    }

    @Command(name = "show", description = "Show one profile with every value resolved.")
    static final class ShowCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "PROFILE", description = "profile name, alias or provider/model")
        String name;

        ShowCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Baton baton = env.openBaton()) {
                ProfileJson d = ProfileJson.of(baton.profile(name));
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, d);
                    return;
                }
                // the text form lists the same fields, leaving out those without a value
                JsonNode fields = Json.MAPPER.valueToTree(d);
                for (String k : fields.propertyNames()) {
                    JsonNode v = fields.get(k);
                    if (v.isNull() || (v.isContainer() && v.isEmpty())) continue;
                    out.printf("%-18s %s%n", k + ":", v.isValueNode() ? v.asString() : v.toString());
                }
                out.flush();
            }
        }
    }
}
