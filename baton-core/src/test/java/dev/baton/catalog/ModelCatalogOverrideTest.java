package dev.baton.catalog;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.Capability;
import dev.baton.llm.ModelRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelCatalogOverrideTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    private static CatalogEntry find(ModelCatalog catalog, String ref) {
        return catalog.find(ModelRef.parse(ref)).orElseThrow(() -> new AssertionError("no entry for " + ref));
    }

    @Test
    void later_files_override_earlier_ones_field_by_field() throws IOException {
        Path user = write("user/models.yaml", """
                prices_as_of: 2026-01-15
                models:
                  - provider: openai
                    model: gpt-4o
                    prices: {input: 2.00, output: 8.00}
                  - provider: openai
                    model: gpt-4o-mini
                    description: the cheap one
                """);
        Path project = write("project/models.yaml", """
                models:
                  - provider: openai
                    model: gpt-4o
                    prices: {input: 1.00, cached_input: 0.10, output: 4.00}
                    prices_as_of: 2026-03-01
                """);

        ModelCatalog catalog = ModelCatalog.load(List.of(user, project));

        CatalogEntry gpt4o = find(catalog, "openai/gpt-4o");
        assertThat(gpt4o.prices().inputPerMillion()).isEqualByComparingTo("1.00");
        assertThat(gpt4o.prices().cachedInputPerMillion()).isEqualByComparingTo("0.10");
        assertThat(gpt4o.pricesAsOf()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(gpt4o.source()).isEqualTo(project.toString());
        // untouched fields keep the bundled values, and aliases still find the entry
        assertThat(gpt4o.contextWindow()).isEqualTo(128_000);
        assertThat(gpt4o.supports(Capability.TOOLS)).isTrue();
        assertThat(find(catalog, "openai/gpt-4o-2024-08-06").prices().inputPerMillion()).isEqualByComparingTo("1.00");

        CatalogEntry mini = find(catalog, "openai/gpt-4o-mini");
        assertThat(mini.description()).isEqualTo("the cheap one");
        assertThat(mini.prices().inputPerMillion()).isEqualByComparingTo("0.15");
        assertThat(mini.pricesAsOf()).isEqualTo(LocalDate.of(2025, 10, 31));
    }

    @Test
    void new_prices_take_the_override_files_date_or_none() throws IOException {
        Path dated = write("a.yaml", """
                prices_as_of: 2026-02-02
                models:
                  - {provider: anthropic, model: claude-haiku-4-5, prices: {input: 0.9, output: 4.5}}
                """);
        Path undated = write("b.yaml", """
                models:
                  - {provider: gemini, model: gemini-2.5-flash, prices: {input: 0.2, output: 2}}
                """);

        ModelCatalog catalog = ModelCatalog.load(List.of(dated, undated));

        assertThat(find(catalog, "anthropic/claude-haiku-4-5").pricesAsOf()).isEqualTo(LocalDate.of(2026, 2, 2));
        assertThat(find(catalog, "gemini/gemini-2.5-flash").pricesAsOf()).isNull();
    }

    @Test
    void an_override_file_may_add_models_and_providers() throws IOException {
        Path file = write("models.yaml", """
                models:
                  - provider: together
                    kind: openai
                    model: meta-llama/Llama-3.3-70B-Instruct-Turbo
                    aliases: [llama-70b]
                    context_window: 131072
                    capabilities: [tools, streaming]
                """);

        ModelCatalog catalog = ModelCatalog.load(List.of(file));

        CatalogEntry added = find(catalog, "together/llama-70b");
        assertThat(added.model()).isEqualTo("meta-llama/Llama-3.3-70B-Instruct-Turbo");
        assertThat(added.kind()).isEqualTo("openai");
        assertThat(added.prices()).isNull();
        assertThat(added.toModelInfo().prices()).isNull();
        assertThat(catalog.size()).isEqualTo(ModelCatalog.bundled().size() + 1);
        assertThat(catalog.list(Optional.of("together"))).hasSize(1);
    }

    @Test
    void missing_override_files_are_skipped() {
        List<Path> files = ModelCatalog.overrideFiles(dir.resolve("user"), Optional.of(dir.resolve(".baton")));

        assertThat(files).containsExactly(dir.resolve("user/models.yaml"), dir.resolve(".baton/models.yaml"));
        assertThat(ModelCatalog.load(files).size()).isEqualTo(ModelCatalog.bundled().size());
    }

    @Test
    void an_unknown_key_fails_naming_file_line_and_field() throws IOException {
        Path file = write("models.yaml", """
                models:
                  - provider: openai
                    model: gpt-4o
                    context_windw: 64000
                """);

        assertThatThrownBy(() -> ModelCatalog.load(List.of(file)))
                .isInstanceOf(BatonException.class)
                .satisfies(e -> assertThat(((BatonException) e).code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageStartingWith(file + ":4:")
                .hasMessageContaining("unknown key 'context_windw'")
                .hasMessageContaining("models[0]")
                .hasMessageContaining("context_window");
    }

    @Test
    void an_unknown_key_inside_an_entry_or_a_flow_map_points_at_its_own_line() throws IOException {
        Path middle = write("middle.yaml", """
                prices_as_of: 2026-01-01
                models:
                  - provider: openai
                    model: gpt-4o
                    price: {input: 1, output: 2}
                    description: typo above
                """);
        Path flow = write("flow.yaml", """
                models:
                  - {provider: openai, model: gpt-4o}
                  - {provider: openai, model: gpt-4o-mini, prices: {input: 1, outptu: 2}}
                """);

        assertThatThrownBy(() -> ModelCatalog.load(List.of(middle)))
                .hasMessageStartingWith(middle + ":5: unknown key 'price' in 'models[0].price'");
        assertThatThrownBy(() -> ModelCatalog.load(List.of(flow)))
                .hasMessageStartingWith(flow + ":3: unknown key 'outptu' in 'models[1].prices.outptu'");
    }

    @Test
    void a_wrong_type_fails_naming_file_line_and_field() throws IOException {
        Path file = write("models.yaml", """
                models:
                  - provider: openai
                    model: gpt-4o
                    prices:
                      input: cheap
                      output: 1
                """);

        assertThatThrownBy(() -> ModelCatalog.load(List.of(file)))
                .hasMessageStartingWith(file + ":5:")
                .hasMessageContaining("'models[0].prices.input'");
    }

    @Test
    void an_unknown_capability_fails_with_its_line() throws IOException {
        Path file = write("models.yaml", """
                prices_as_of: 2026-01-01
                models:
                  - provider: openai
                    model: gpt-4o
                    capabilities: [tools, telepathy]
                """);

        assertThatThrownBy(() -> ModelCatalog.load(List.of(file)))
                .hasMessageStartingWith(file + ":5:")
                .hasMessageContaining("models[0].capabilities")
                .hasMessageContaining("telepathy");
    }

    @Test
    void semantic_errors_point_at_the_entry_line() throws IOException {
        Path negative = write("neg.yaml", """
                models:
                  - provider: openai
                    model: gpt-4o-mini
                    description: fine
                  - provider: openai
                    model: gpt-4o
                    prices: {input: -1, output: 2}
                """);
        Path incomplete = write("new.yaml", """
                models:
                  - provider: acme
                    model: rocket-1
                """);
        Path zero = write("zero.yaml", """
                models:

                  - {provider: acme, model: rocket-2, context_window: 0}
                """);

        assertThatThrownBy(() -> ModelCatalog.load(List.of(negative)))
                .hasMessage(negative + ":5: models[1] (openai/gpt-4o): prices must not be negative");
        assertThatThrownBy(() -> ModelCatalog.load(List.of(incomplete)))
                .hasMessageStartingWith(incomplete + ":2: models[0] (acme/rocket-1): 'context_window' is required");
        assertThatThrownBy(() -> ModelCatalog.load(List.of(zero)))
                .hasMessageStartingWith(zero + ":3: ")
                .hasMessageContaining("'context_window' must be positive");
    }

    @Test
    void empty_list_items_are_errors_not_crashes() throws IOException {
        Path file = write("models.yaml", """
                models:
                  - {provider: acme, model: rocket-1, aliases: [rocket, null], context_window: 1000}
                """);

        assertThatThrownBy(() -> ModelCatalog.load(List.of(file)))
                .isInstanceOf(BatonException.class)
                .hasMessage(file + ":2: models[0] (acme/rocket-1): 'aliases' has an empty item");
    }

    @Test
    void a_name_claimed_twice_in_one_file_is_an_error() throws IOException {
        Path file = write("models.yaml", """
                models:
                  - {provider: acme, model: rocket-1, aliases: [rocket], context_window: 1000}
                  - {provider: acme, model: rocket-2, aliases: [rocket], context_window: 1000}
                """);

        assertThatThrownBy(() -> ModelCatalog.load(List.of(file)))
                .hasMessageStartingWith(file + ":3: ")
                .hasMessageContaining("'rocket' is already named by the entry at line 2");
    }

    @Test
    void malformed_yaml_fails_with_its_location() throws IOException {
        Path file = write("models.yaml", """
                models:
                  - provider: openai
                    model: [unclosed
                """);

        assertThatThrownBy(() -> ModelCatalog.load(List.of(file)))
                .isInstanceOf(BatonException.class)
                .hasMessageStartingWith(file + ":");
    }
}
