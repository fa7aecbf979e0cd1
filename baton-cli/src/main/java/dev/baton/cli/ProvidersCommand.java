package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.ProviderHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** {@code baton providers status}. */
@Command(name = "providers", description = "Configured providers and whether they answer.",
        subcommands = {ProvidersCommand.StatusCmd.class})
final class ProvidersCommand extends CommandGroup {

    @Command(name = "status", description = "Show each provider: configured credential, reachability, models.")
    static final class StatusCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3", description = "probe timeout (default 3)")
        double timeoutSeconds;

        StatusCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Baton baton = env.openBaton()) {
                List<ProviderHealth.Report> rows = ProviderHealth.check(baton, Duration.ofMillis((long) (timeoutSeconds * 1000)));
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, rows);
                    return;
                }
                Table t = new Table("PROVIDER", "KIND", "CREDENTIAL", "STATE", "CIRCUIT", "DETAIL");
                for (ProviderHealth.Report r : rows) t.row(r.name(), r.kind(), r.credential(), r.state(), r.circuit(), r.detail());
                t.print(out);
            }
        }
    }
}
