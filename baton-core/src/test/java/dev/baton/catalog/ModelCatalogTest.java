package dev.baton.catalog;

import dev.baton.llm.Capability;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.ModelRef;
import dev.baton.llm.Usage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCatalogTest {

    private static final ModelCatalog CATALOG = ModelCatalog.bundled();

    private static CatalogEntry entry(String ref) {
        return CATALOG.find(ModelRef.parse(ref)).orElseThrow(() -> new AssertionError("no entry for " + ref));
    }

    @Test
    void bundled_catalog_has_at_least_forty_entries_spanning_every_provider_kind() {
        List<CatalogEntry> all = CATALOG.list(Optional.empty());

        assertThat(all).hasSizeGreaterThanOrEqualTo(40);
        assertThat(CATALOG.size()).isEqualTo(all.size());
        Set<String> providers = all.stream().map(CatalogEntry::provider).collect(Collectors.toSet());
        assertThat(providers).contains("openai", "anthropic", "gemini", "mistral", "ollama", "bedrock", "scripted");
        assertThat(CATALOG.list(Optional.of("mistral"))).allSatisfy(e -> assertThat(e.kind()).isEqualTo("openai"));
    }

    @Test
    void every_bundled_entry_has_positive_window_non_negative_prices_and_a_price_date() {
        assertThat(CATALOG.list(Optional.empty())).allSatisfy(e -> {
            assertThat(e.contextWindow()).as(e.ref().toString()).isPositive();
            assertThat(e.effectiveMaxOutputTokens()).as(e.ref().toString()).isPositive()
                    .isLessThanOrEqualTo(e.contextWindow());
            assertThat(e.prices()).as(e.ref() + " prices").isNotNull();
            assertThat(e.prices().inputPerMillion().signum()).isNotNegative();
            assertThat(e.prices().outputPerMillion().signum()).isNotNegative();
            if (e.prices().cachedInputPerMillion() != null) {
                assertThat(e.prices().cachedInputPerMillion()).isLessThanOrEqualTo(e.prices().inputPerMillion());
            }
            assertThat(e.pricesAsOf()).as(e.ref() + " price date").isNotNull();
            assertThat(e.source()).contains("bundled");
        });
    }

    @Test
    void local_and_scripted_models_are_free() {
        assertThat(CATALOG.list(Optional.of("ollama"))).isNotEmpty().allSatisfy(e -> {
            assertThat(e.prices().inputPerMillion()).isEqualByComparingTo("0");
            assertThat(e.prices().outputPerMillion()).isEqualByComparingTo("0");
        });
        assertThat(entry("scripted/offline").prices().outputPerMillion()).isEqualByComparingTo("0");
    }

    @Test
    void capabilities_are_read_from_lowercase_names() {
        assertThat(entry("openai/gpt-5").capabilities())
                .contains(Capability.TOOLS, Capability.VISION, Capability.JSON_SCHEMA, Capability.REASONING);
        assertThat(entry("openai/gpt-4o").supports(Capability.REASONING)).isFalse();
        assertThat(entry("ollama/phi4").supports(Capability.TOOLS)).isFalse();
    }

    @Test
    void finds_models_by_alias() {
        assertThat(entry("openai/gpt-4o-2024-08-06").model()).isEqualTo("gpt-4o");
        assertThat(entry("anthropic/claude-sonnet-4-5-20250929").model()).isEqualTo("claude-sonnet-4-5");
        assertThat(entry("mistral/mistral-large").model()).isEqualTo("mistral-large-latest");
        assertThat(entry("ollama/llama3.1").model()).isEqualTo("llama3.1:8b");
        assertThat(entry("OpenAI/GPT-4o").model()).isEqualTo("gpt-4o");
    }

    @Test
    void a_dated_snapshot_without_its_own_entry_finds_the_undated_model() {
        assertThat(entry("openai/gpt-4o-2099-01-31").model()).isEqualTo("gpt-4o");
        assertThat(entry("openai/gpt-4.1-mini-2030-05-05").model()).isEqualTo("gpt-4.1-mini");
        assertThat(entry("anthropic/claude-haiku-4-5-20991231").model()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void an_exact_entry_wins_over_the_dated_suffix_rule() {
        CatalogEntry first = entry("openai/gpt-4o-2024-05-13");

        assertThat(first.model()).isEqualTo("gpt-4o-2024-05-13");
        assertThat(first.prices().inputPerMillion()).isEqualByComparingTo("5.00");
    }

    @Test
    void ollama_latest_tag_and_bedrock_region_prefixes_are_understood() {
        assertThat(entry("ollama/phi4:latest").model()).isEqualTo("phi4");
        assertThat(entry("bedrock/us.amazon.nova-lite-v1:0").model()).isEqualTo("amazon.nova-lite-v1:0");
        assertThat(entry("bedrock/eu.anthropic.claude-sonnet-4-20250514-v1:0").model())
                .isEqualTo("us.anthropic.claude-sonnet-4-20250514-v1:0");
        assertThat(entry("bedrock/global.anthropic.claude-haiku-4-5-20251001-v1:0").prices().inputPerMillion())
                .isEqualByComparingTo("1.00");
        assertThat(entry("bedrock/eu.anthropic.claude-haiku-4-5-20251001-v1:0").prices().inputPerMillion())
                .isEqualByComparingTo("1.10");
    }

    @Test
    void unknown_models_and_providers_are_not_found() {
        assertThat(CATALOG.find(ModelRef.parse("openai/gpt-9000"))).isEmpty();
        assertThat(CATALOG.find(ModelRef.parse("anthropic/gpt-4o"))).isEmpty();
        assertThat(CATALOG.find(ModelRef.parse("openai/gpt-4o-mini-extra"))).isEmpty();
    }

    @Test
    void a_custom_provider_name_falls_back_to_its_kind() {
        ModelRef ref = ModelRef.parse("my-gateway/gpt-4o-mini");

        assertThat(CATALOG.find(ref)).isEmpty();
        assertThat(CATALOG.find(ref, "openai")).map(CatalogEntry::model).contains("gpt-4o-mini");
    }

    @Test
    void model_info_keeps_the_callers_names_and_the_catalog_facts() {
        ModelInfo info = CATALOG.toModelInfo(ModelRef.parse("work-openai/gpt-4o-2024-11-20"), "openai");

        assertThat(info.provider()).isEqualTo("work-openai");
        assertThat(info.model()).isEqualTo("gpt-4o-2024-11-20");
        assertThat(info.contextWindow()).isEqualTo(128_000);
        assertThat(info.maxOutputTokens()).isEqualTo(16_384);
        assertThat(info.supports(Capability.JSON_SCHEMA)).isTrue();
        assertThat(info.prices().inputPerMillion()).isEqualByComparingTo("2.50");
        assertThat(info.prices().cachedInputPerMillion()).isEqualByComparingTo("1.25");
        assertThat(info.prices().outputPerMillion()).isEqualByComparingTo("10.00");
    }

    @Test
    void model_info_of_a_model_without_output_limit_uses_the_window() {
        ModelInfo info = CATALOG.toModelInfo(ModelRef.parse("mistral/mistral-small-latest"), "openai");

        assertThat(info.maxOutputTokens()).isEqualTo(info.contextWindow()).isEqualTo(131_072);
        assertThat(info.prices().cachedInputPerMillion()).isNull();
    }

    @Test
    void model_info_of_an_unknown_model_says_nothing_is_known() {
        ModelInfo info = CATALOG.toModelInfo(ModelRef.parse("openai/gpt-9000"), "openai");

        assertThat(info.contextWindow()).isZero();
        assertThat(info.maxOutputTokens()).isZero();
        assertThat(info.capabilities()).isEmpty();
        assertThat(info.prices()).isNull();
    }

    @Test
    void list_filters_by_provider_and_is_sorted() {
        List<CatalogEntry> anthropic = CATALOG.list(Optional.of("anthropic"));

        assertThat(anthropic).isNotEmpty().allSatisfy(e -> assertThat(e.provider()).isEqualTo("anthropic"));
        assertThat(anthropic).extracting(CatalogEntry::model).isSorted();
        assertThat(CATALOG.list(Optional.of("nobody"))).isEmpty();
    }

    @Test
    void bundled_prices_cost_usage_as_expected() {
        BigDecimal cost = entry("openai/gpt-4o-mini").prices().cost(Usage.of(1_000_000, 1_000_000));

        assertThat(cost).isEqualByComparingTo("0.75");
        assertThat(entry("openai/gpt-4o").pricesAsOf()).isEqualTo(LocalDate.of(2025, 10, 31));
    }
}
