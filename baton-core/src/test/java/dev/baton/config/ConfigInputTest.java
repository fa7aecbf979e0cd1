package dev.baton.config;

import dev.baton.config.internal.YamlLimits;
import dev.baton.config.internal.ConfigLoader;
import dev.baton.config.internal.EnvExpander;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad config.yaml input is refused with the file, line and what is wrong, in Baton's words. */
class ConfigInputTest {

    @TempDir
    Path tmp;

    private final ConfigLoader loader = new ConfigLoader(EnvExpander.of(Map.of()));

    @Test
    void a_section_left_empty_still_reads_as_absent() {
        BatonConfig c = loader.parse("providers:\n  # groq:\n  #   kind: openai\naliases:\n  quick: fast\n", tmp.resolve("c.yaml"));
        assertThat(c.aliases()).containsEntry("quick", "fast");
        assertThat(c.providers()).isEmpty();
    }

    @Test
    void a_duplicate_key_is_refused_with_file_line_and_key() {
        Path file = tmp.resolve("config.yaml");
        assertThatThrownBy(() -> loader.parse("""
                profiles:
                  fast:
                    provider: openai
                  fast:
                    provider: groq
                """, file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":4:")
                .hasMessageContaining("duplicate key 'fast' in 'profiles'");
    }

    @Test
    void a_tab_is_reported_on_its_own_line_with_the_whole_problem() {
        Path file = tmp.resolve("config.yaml");
        assertThatThrownBy(() -> loader.parse("profiles:\n  fast:\n\tprovider: openai\n", file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":3:1:")
                .hasMessageContaining("found character '\\t(TAB)' that cannot start any token");
    }

    @Test
    void a_mapping_where_a_string_belongs_is_named_in_plain_words() {
        Path file = tmp.resolve("config.yaml");
        assertThatThrownBy(() -> loader.parse("""
                profiles:
                  fast:
                    provider: openai
                    model:
                      name: gpt-4o
                """, file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":4")
                .hasMessageContaining("field 'profiles.fast.model' must be a string, found a mapping")
                .hasMessageNotContaining("Cannot deserialize")
                .hasMessageNotContaining("JsonToken");
    }

    @Test
    void text_where_a_number_belongs_is_quoted() {
        assertThatThrownBy(() -> loader.parse("profiles:\n  fast:\n    max_tokens: lots\n", tmp.resolve("c.yaml")))
                .hasMessageContaining("field 'profiles.fast.max_tokens' must be a whole number, found 'lots'")
                .hasMessageNotContaining("java.lang");
    }

    @Test
    void an_alias_is_refused_instead_of_read_as_its_anchor_name() {
        Path file = tmp.resolve("config.yaml");
        assertThatThrownBy(() -> loader.parse("""
                aliases:
                  quick: &q fast
                  short: *q
                """, file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":3:")
                .hasMessageContaining("aliases are not supported ('*q')");
    }

    @Test
    void an_alias_bomb_is_refused() {
        StringBuilder yaml = new StringBuilder("aliases:\n  a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("  a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        assertThatThrownBy(() -> loader.parse(yaml.toString(), tmp.resolve("config.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("aliases are not supported");
    }

    @Test
    void deep_nesting_is_refused_with_the_limit() {
        String yaml = "profiles: " + "[".repeat(500) + "]".repeat(500) + "\n";
        assertThatThrownBy(() -> loader.parse(yaml, tmp.resolve("config.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.yaml")
                .hasMessageContaining("nested too deeply: more than " + YamlLimits.MAX_NESTING_DEPTH + " levels");
    }

    @Test
    void a_file_over_the_size_limit_is_refused_before_it_is_parsed() throws Exception {
        Path file = tmp.resolve("config.yaml");
        // a document that would take long to parse, were it parsed: one huge flow mapping
        String entry = "k%07d: v\n";
        StringBuilder big = new StringBuilder("aliases:\n");
        for (int i = 0; big.length() <= Utf8TextReader.MAX_YAML_BYTES; i++) big.append("  ").append(entry.formatted(i));
        Files.writeString(file, big);

        assertThatThrownBy(() -> loader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("too large")
                .hasMessageContaining("1 MiB");
    }

    @Test
    void a_file_that_is_not_utf8_names_the_byte_offset() throws Exception {
        Path file = tmp.resolve("config.yaml");
        Files.write(file, new byte[] {'a', 'l', 'i', 'a', 's', 'e', 's', ':', '\n', ' ', ' ', 'q', ':', ' ', (byte) 0xFF, '\n'});
        assertThatThrownBy(() -> loader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": not UTF-8 text (byte 0xFF at byte offset 14, line 2)");
    }
}
