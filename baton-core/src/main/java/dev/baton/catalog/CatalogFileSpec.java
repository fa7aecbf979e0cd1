package dev.baton.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.baton.llm.Capability;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A catalog file as written: a default price date and a list of model entries. Every field of an
 * entry may be absent, because an override file may change only some fields of a bundled entry.
 */
record CatalogFileSpec(@JsonProperty("prices_as_of") LocalDate pricesAsOf, List<EntrySpec> models) {

    CatalogFileSpec {
        models = models == null ? List.of() : models;
    }

    /** One {@code models:} item. */
    record EntrySpec(
            String provider,
            String kind,
            String model,
            List<String> aliases,
            @JsonProperty("context_window") Integer contextWindow,
            @JsonProperty("max_output_tokens") Integer maxOutputTokens,
            List<Capability> capabilities,
            PricesSpec prices,
            @JsonProperty("prices_as_of") LocalDate pricesAsOf,
            String description) {
    }

    /** USD per million tokens. */
    record PricesSpec(BigDecimal input, @JsonProperty("cached_input") BigDecimal cachedInput, BigDecimal output) {
    }
}
