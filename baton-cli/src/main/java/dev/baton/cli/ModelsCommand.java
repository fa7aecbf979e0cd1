package dev.baton.cli;

import dev.baton.catalog.CatalogEntry;
import dev.baton.catalog.ModelCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code baton models list}: the model catalog. */
@Command(name = "models", description = "The model catalog: context windows, capabilities, prices.",
        subcommands = {ModelsCommand.ListCmd.class})
final class ModelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

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
                List<Map<String, Object>> rows = new ArrayList<>();
                for (CatalogEntry e : entries) rows.add(row(e));
                Json.print(out, rows);
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

        private static Map<String, Object> row(CatalogEntry e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", e.provider());
            m.put("kind", e.kind());
            m.put("model", e.model());
            m.put("aliases", e.aliases());
            m.put("context_window", e.contextWindow());
            m.put("max_output_tokens", e.maxOutputTokens());
            m.put("capabilities", e.capabilities().stream().map(c -> c.name().toLowerCase()).sorted().toList());
            if (e.prices() != null) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("input", e.prices().inputPerMillion());
                p.put("cached_input", e.prices().cachedInputPerMillion());
                p.put("output", e.prices().outputPerMillion());
                m.put("prices_per_million_usd", p);
            }
            m.put("prices_as_of", e.pricesAsOf() == null ? null : e.pricesAsOf().toString());
            return m;
        }
    }
}
