package dev.baton.cli;

import dev.baton.config.CredentialStore;
import dev.baton.secret.Secret;
import dev.baton.config.StoredCredential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code baton auth add|list|remove}: API keys kept encrypted in the user tier. */
@Command(name = "auth", description = "Store provider API keys encrypted (AES-GCM) in the user config folder.",
        subcommands = {AuthCommand.AddCmd.class, AuthCommand.ListCmd.class, AuthCommand.RemoveCmd.class})
final class AuthCommand extends CommandGroup {

    @Command(name = "add", description = "Store the key for PROVIDER, read from stdin (typed without echo on a terminal).")
    static final class AddCmd implements Callable<Integer> {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "PROVIDER", description = "provider name, e.g. openai")
        String provider;

        AddCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() throws IOException {
            String key;
            if (env.stdinIsTerminal() && System.console() != null) {
                char[] typed = System.console().readPassword("API key for %s: ", provider);
                key = typed == null ? "" : new String(typed);
            } else {
                key = new String(env.stdin().readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            Secret secret = Secret.ofNullable(key);
            if (secret == null) throw new UsageException("auth add: no key given on stdin");
            new CredentialStore(env.paths().userConfigDir()).put(provider, secret);
            PrintWriter out = spec.commandLine().getOut();
            out.println("stored key " + secret.hint() + " for " + provider
                    + " (an environment variable for this provider, when set, still wins)");
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List stored keys (only their last 4 characters).")
    static final class ListCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;

        /** One stored key in {@code auth list -o json}: the provider, the key's hint (never the key), when it was added. */
        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        record KeyJson(String provider, String key, String addedAt) {
        }

        ListCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            List<StoredCredential> stored = new CredentialStore(env.paths().userConfigDir()).list();
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, stored.stream().map(c -> new KeyJson(c.provider(), c.hint(), c.addedAt().toString())).toList());
                return;
            }
            if (stored.isEmpty()) {
                out.println("no stored keys (add one with: baton auth add PROVIDER)");
                out.flush();
                return;
            }
            Table t = new Table("PROVIDER", "KEY", "ADDED");
            for (StoredCredential c : stored) t.row(c.provider(), c.hint(), c.addedAt());
            t.print(out);
        }
    }

    @Command(name = "remove", description = "Forget the stored key of PROVIDER.")
    static final class RemoveCmd implements Callable<Integer> {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "PROVIDER")
        String provider;

        RemoveCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            boolean removed = new CredentialStore(env.paths().userConfigDir()).remove(provider);
            if (!removed) throw UsageException.notFound("auth remove: no stored key for '" + provider + "'");
            spec.commandLine().getOut().println("removed the stored key for " + provider);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
