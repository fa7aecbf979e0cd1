package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.keys.ApiKey;
import dev.baton.keys.ApiKeyJson;
import dev.baton.keys.CreatedKey;
import dev.baton.keys.KeySpec;
import dev.baton.usage.BudgetPeriod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code baton keys create|list|revoke}: the API keys callers of {@code baton serve} present. */
@Command(name = "keys", description = "API keys for `baton serve`: create (the secret is shown once), list, revoke.",
        subcommands = {KeysCommand.CreateCmd.class, KeysCommand.ListCmd.class, KeysCommand.RevokeCmd.class})
final class KeysCommand extends CommandGroup {

    @Command(name = "create", description = "Make a key and print its secret on stdout, once: only its hash is kept.")
    static final class CreateCmd implements Callable<Integer> {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "unique among live keys (letters, digits, . _ -)")
        String name;
        @Option(names = "--budget-usd", paramLabel = "USD", description = "the most this key may spend per --period")
        String budgetUsd;
        @Option(names = "--period", paramLabel = "PERIOD", description = "day, week, month or total (default total; UTC)")
        String period;
        @Option(names = "--rpm", paramLabel = "N", description = "requests per minute")
        Integer rpm;
        @Option(names = "--tpm", paramLabel = "N", description = "tokens per minute")
        Integer tpm;
        @Option(names = "--profiles", paramLabel = "P,...", description = "the profiles this key may call (default: all)")
        String profiles;

        /** A created key in {@code keys create -o json}: the key's fields and, this once, its secret. */
        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        record CreatedJson(String id, String name, String secret, String createdAt, BigDecimal budgetUsd, String period,
                           Integer rpm, Integer tpm, List<String> profiles) {
        }

        CreateCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Baton baton = env.openBaton()) {
                KeySpec spec = spec(baton);
                CreatedKey created;
                try {
                    created = baton.apiKeys().create(spec);
                } catch (BatonException e) {
                    if (e.code() != ErrorCode.INVALID_REQUEST) throw e;
                    throw new UsageException("--name: " + e.getMessage() + e.suggestion().map(s -> ". " + s).orElse(""));
                }
                print(created);
                return ExitCodes.OK;
            }
        }

        private KeySpec spec(Baton baton) {
            List<String> allowed = profiles == null ? List.of()
                    : Arrays.stream(profiles.split(",", -1)).map(String::strip).toList();
            for (String p : allowed) {
                if (!p.isEmpty() && !baton.profiles().exists(p)) {
                    throw new UsageException("--profiles: unknown profile '" + p + "' (known: "
                            + String.join(", ", baton.profiles().names()) + ")");
                }
            }
            try {
                return new KeySpec(name, usd(), period(), rpm, tpm, allowed);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--" + e.getMessage());
            }
        }

        private BigDecimal usd() {
            if (budgetUsd == null) return null;
            try {
                return new BigDecimal(budgetUsd.strip());
            } catch (NumberFormatException e) {
                throw new UsageException("--budget-usd: '" + budgetUsd + "' is not a number of dollars");
            }
        }

        private BudgetPeriod period() {
            if (period == null) return null;
            return switch (period.strip().toLowerCase(Locale.ROOT)) {
                case "day" -> BudgetPeriod.DAY;
                case "week" -> BudgetPeriod.WEEK;
                case "month" -> BudgetPeriod.MONTH;
                case "total" -> BudgetPeriod.TOTAL;
                default -> throw new UsageException("--period: expected day, week, month or total, got '" + period + "'");
            };
        }

        private void print(CreatedKey created) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ApiKey k = created.key();
            err.println("created API key " + k.id() + " (" + k.name() + "). Its secret is below; copy it now: it will not"
                    + " be shown again (only its hash is stored).");
            err.flush();
            if (output.resolve(env, false) == OutputFormat.json) {
                ApiKeyJson j = ApiKeyJson.of(k);
                Json.print(out, new CreatedJson(j.id(), j.name(), created.secret().reveal(), j.createdAt(), j.budgetUsd(),
                        j.period(), j.rpm(), j.tpm(), j.profiles()));
            } else {
                out.println(created.secret().reveal());
                out.flush();
            }
        }
    }

    @Command(name = "list", description = "The live keys with their limits (never a secret).")
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
                List<ApiKey> keys = baton.apiKeys().list();
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, keys.stream().map(ApiKeyJson::of).toList());
                    return;
                }
                if (keys.isEmpty()) {
                    out.println("no API keys (create one with: baton keys create --name NAME)");
                    out.flush();
                    return;
                }
                Table t = new Table("ID", "NAME", "CREATED", "BUDGET $", "PERIOD", "RPM", "TPM", "PROFILES");
                for (ApiKey k : keys) {
                    ApiKeyJson j = ApiKeyJson.of(k);
                    t.row(j.id(), j.name(), j.createdAt(), j.budgetUsd() == null ? "" : j.budgetUsd().stripTrailingZeros().toPlainString(),
                            j.period() == null ? "" : j.period(), j.rpm(), j.tpm(),
                            j.profiles().isEmpty() ? "all" : String.join(",", j.profiles()));
                }
                t.print(out);
            }
        }
    }

    @Command(name = "revoke", description = "Revoke a key by id or name: a running server refuses it within seconds.")
    static final class RevokeCmd implements Callable<Integer> {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID|NAME")
        String idOrName;

        RevokeCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Baton baton = env.openBaton()) {
                ApiKey revoked;
                try {
                    revoked = baton.apiKeys().revoke(idOrName);
                } catch (BatonException e) {
                    if (e.code() != ErrorCode.NOT_FOUND) throw e;
                    throw UsageException.notFound("keys revoke: " + e.getMessage() + " (see: baton keys list)");
                }
                PrintWriter out = spec.commandLine().getOut();
                out.println("revoked " + revoked.id() + " (" + revoked.name() + ")");
                out.flush();
                return ExitCodes.OK;
            }
        }
    }
}
