package dev.baton.catalog;

import dev.baton.catalog.CatalogFileSpec.EntrySpec;
import dev.baton.catalog.CatalogFileSpec.PricesSpec;
import dev.baton.llm.Prices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies catalog files in order. An entry naming a provider and model not seen before is added
 * and must be complete; an entry naming one already present changes only the fields it sets
 * (lists and prices are replaced whole). Within one file, a provider's model ids and aliases must
 * be unique.
 */
final class CatalogAssembler {

    private final Map<String, CatalogEntry> entries = new LinkedHashMap<>();

    /** Applies one parsed file over what was applied before. */
    CatalogAssembler apply(CatalogReader.ParsedFile file) {
        Map<String, Integer> namesInFile = new HashMap<>();
        List<EntrySpec> specs = file.spec().models();
        for (int i = 0; i < specs.size(); i++) {
            EntrySpec spec = specs.get(i);
            int line = file.lineOf(i);
            if (spec == null) throw CatalogReader.error(file.source(), line, "models[" + i + "] is empty");
            String label = "models[" + i + "]";
            require(file, line, label, "provider", spec.provider());
            require(file, line, label, "model", spec.model());
            label += " (" + spec.provider() + "/" + spec.model() + ")";
            noEmptyItems(file, line, label, "aliases", spec.aliases());
            noEmptyItems(file, line, label, "capabilities", spec.capabilities());
            String key = key(spec.provider(), spec.model());
            CatalogEntry base = entries.get(key);
            CatalogEntry merged = base == null ? create(file, line, label, spec) : merge(file, line, label, base, spec);
            check(file, line, label, merged);
            claimNames(file, line, label, merged, namesInFile);
            entries.put(key, merged);
        }
        return this;
    }

    List<CatalogEntry> entries() {
        return List.copyOf(entries.values());
    }

    static String key(String provider, String model) {
        return provider.toLowerCase(Locale.ROOT) + "/" + model.toLowerCase(Locale.ROOT);
    }

    private static CatalogEntry create(CatalogReader.ParsedFile file, int line, String label, EntrySpec spec) {
        if (spec.contextWindow() == null) {
            throw CatalogReader.error(file.source(), line, label + ": 'context_window' is required for a new model");
        }
        LocalDate asOf = spec.pricesAsOf() != null ? spec.pricesAsOf() : file.spec().pricesAsOf();
        return new CatalogEntry(spec.provider(), spec.kind(), spec.model(), spec.aliases(), spec.contextWindow(),
                orZero(spec.maxOutputTokens()), spec.capabilities() == null ? null : Set.copyOf(spec.capabilities()),
                prices(file, line, label, spec.prices()), spec.prices() == null ? null : asOf, spec.description(),
                file.source());
    }

    private static CatalogEntry merge(CatalogReader.ParsedFile file, int line, String label, CatalogEntry base,
                                      EntrySpec spec) {
        Prices prices = spec.prices() == null ? base.prices() : prices(file, line, label, spec.prices());
        // New prices without any date are of unknown date: keeping the bundled date would be a lie.
        LocalDate asOf = spec.pricesAsOf() != null ? spec.pricesAsOf()
                : spec.prices() != null ? file.spec().pricesAsOf() : base.pricesAsOf();
        return new CatalogEntry(base.provider(),
                spec.kind() != null ? spec.kind() : base.kind(),
                base.model(),
                spec.aliases() != null ? spec.aliases() : base.aliases(),
                spec.contextWindow() != null ? spec.contextWindow() : base.contextWindow(),
                spec.maxOutputTokens() != null ? spec.maxOutputTokens() : base.maxOutputTokens(),
                spec.capabilities() != null ? Set.copyOf(spec.capabilities()) : base.capabilities(),
                prices, asOf,
                spec.description() != null ? spec.description() : base.description(),
                file.source());
    }

    private static Prices prices(CatalogReader.ParsedFile file, int line, String label, PricesSpec spec) {
        if (spec == null) return null;
        if (spec.input() == null || spec.output() == null) {
            throw CatalogReader.error(file.source(), line, label + ": 'prices' needs both 'input' and 'output'");
        }
        for (BigDecimal value : new BigDecimal[] {spec.input(), spec.cachedInput(), spec.output()}) {
            if (value != null && value.signum() < 0) {
                throw CatalogReader.error(file.source(), line, label + ": prices must not be negative");
            }
        }
        return new Prices(spec.input(), spec.cachedInput(), spec.output());
    }

    private static void check(CatalogReader.ParsedFile file, int line, String label, CatalogEntry entry) {
        if (entry.contextWindow() <= 0) {
            throw CatalogReader.error(file.source(), line, label + ": 'context_window' must be positive");
        }
        if (entry.maxOutputTokens() < 0 || entry.maxOutputTokens() > entry.contextWindow()) {
            throw CatalogReader.error(file.source(), line,
                    label + ": 'max_output_tokens' must be between 1 and the context window");
        }
    }

    private static void noEmptyItems(CatalogReader.ParsedFile file, int line, String label, String field,
                                     List<?> items) {
        if (items == null) return;
        for (Object item : items) {
            if (item == null || item.toString().isBlank()) {
                throw CatalogReader.error(file.source(), line, label + ": '" + field + "' has an empty item");
            }
        }
    }

    private static void claimNames(CatalogReader.ParsedFile file, int line, String label, CatalogEntry entry,
                                   Map<String, Integer> namesInFile) {
        List<String> names = new ArrayList<>(entry.aliases());
        names.addFirst(entry.model());
        for (String name : names) {
            Integer first = namesInFile.putIfAbsent(key(entry.provider(), name), line);
            if (first != null) {
                throw CatalogReader.error(file.source(), line, label + ": '" + name
                        + "' is already named by the entry at line " + first);
            }
        }
    }

    private static void require(CatalogReader.ParsedFile file, int line, String label, String field, String value) {
        if (value == null || value.isBlank()) {
            throw CatalogReader.error(file.source(), line, label + ": '" + field + "' is required");
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
