package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.usage.BudgetStatus;
import dev.baton.usage.BudgetStatusJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;

/** {@code baton budgets list}: each configured limit with spend and what remains. */
@Command(name = "budgets", description = "Budgets and quotas from the configuration, with spend and remaining.",
        subcommands = {BudgetsCommand.ListCmd.class})
final class BudgetsCommand extends CommandGroup {

    @Command(name = "list", description = "Each limit with its spend, reservations, remaining and reset time.")
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
                List<BudgetStatus> statuses = baton.pipeline().budgets().status();
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, statuses.stream().map(BudgetStatusJson::of).toList());
                    return;
                }
                if (statuses.isEmpty()) {
                    out.println("no budgets configured (add a `budgets:` list to config.yaml)");
                    out.flush();
                    return;
                }
                Table t = new Table("SCOPE", "KEY", "PERIOD", "LIMIT $", "SPENT $", "REMAINING $", "LIMIT TOK",
                        "SPENT TOK", "RPM", "TPM", "RESETS");
                for (BudgetStatus s : statuses) {
                    var l = s.limit();
                    t.row(l.scope().name().toLowerCase(), s.scopeKey() == null ? "" : s.scopeKey(), l.period().name().toLowerCase(),
                            plain(l.usd()), plain(s.spentUsd()), plain(s.remainingUsd()), l.tokens(), s.spentTokens(),
                            l.rpm(), l.tpm(), s.resetsAt() == null ? "never" : s.resetsAt());
                }
                t.print(out);
            }
        }

        private static String plain(BigDecimal d) {
            return d == null ? "" : d.stripTrailingZeros().toPlainString();
        }
    }
}
