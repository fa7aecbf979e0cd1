package dev.baton.cli;

import dev.baton.catalog.CatalogEntry;
import dev.baton.catalog.ModelCatalog;
import com.fasterxml.jackson.annotation.JsonInclude;
import picocli.CommandLine.Command;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code baton models list}: the model catalog. */
@Command(name = "models", description = "The model catalog: context windows, capabilities, prices.",
        subcommands = {ModelsCommand.ListCmd.class})
final class ModelsCommand extends CommandGroup {

    @Command(name = "list", description = "List known models (bundled catalog plus models.yaml overrides).")
    static final class ListCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Option(names = "--provider", paramLabel = "PROVIDER", description = "only this provider (e.g. openai, ollama)")
        String provider;

        ListCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            var paths = env.paths();
            ModelCatalog catalog = ModelCatalog.load(ModelCatalog.overrideFiles(paths.userConfigDir(), paths.projectDir()));
            List<CatalogEntry> entries = catalog.list(Optional.ofNullable(provider));
            if (entries.isEmpty() && provider != null) throw UsageException.notFound("no models for provider '" + provider + "'");
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, entries.stream().map(ModelJson::of).toList());
                return;
            }
            Table t = new Table("PROVIDER", "MODEL", "CONTEXT", "MAX OUT", "IN $/M", "CACHED $/M", "OUT $/M", "CAPABILITIES", "PRICES AS OF");
            for (CatalogEntry e : entries) {
                var p = e.prices();
                t.row(e.provider(), e.model(), e.contextWindow(), e.maxOutputTokens(),
                        p == null ? "" : p.inputPerMillion().toPlainString(),
                        p == null || p.cachedInputPerMillion() == null ? "" : p.cachedInputPerMillion().toPlainString(),
                        p == null ? "" : p.outputPerMillion().toPlainString(),
                        String.join(",", e.capabilities().stream().map(c -> c.name().toLowerCase()).sorted().toList()),
                        e.pricesAsOf());
            }
            t.print(out);
        }
    }

    /**
     * One catalogue model in {@code models list -o json}; capabilities lower-case and sorted;
     * prices omitted when unknown.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ModelJson(String provider, String kind, String model, List<String> aliases, int contextWindow,
                     int maxOutputTokens, List<String> capabilities,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Prices pricesPerMillionUsd, String pricesAsOf) {

        /** USD per million tokens; cached input is null when the model has no cached price. */
        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        record Prices(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {
        }

        static ModelJson of(CatalogEntry e) {
            var p = e.prices();
            return new ModelJson(e.provider(), e.kind(), e.model(), e.aliases(), e.contextWindow(), e.maxOutputTokens(),
                    e.capabilities().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).sorted().toList(),
                    p == null ? null : new Prices(p.inputPerMillion(), p.cachedInputPerMillion(), p.outputPerMillion()),
                    e.pricesAsOf() == null ? null : e.pricesAsOf().toString());
        }
    }
}
