package dev.baton.ensemble.promotion;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Adding and removing profiles in a config.yaml as text, the rest of the file left as written. */
class ProfileBlockTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void given_no_profiles_key_when_adding_then_a_block_is_appended_at_the_end() {
        String out = ProfileBlock.add("# top\nproviders:\n  fake: {kind: scripted}\n",
                Map.of("p", JSON.readTree("{\"provider\":\"fake\"}")), "config.yaml");

        assertThat(out).isEqualTo("# top\nproviders:\n  fake: {kind: scripted}\n\nprofiles:\n  p: {\"provider\":\"fake\"}\n");
    }

    @Test
    void given_a_block_with_its_own_indent_when_adding_then_the_entry_uses_that_indent() {
        String out = ProfileBlock.add("profiles:\n    a: {provider: x}\nother: 1\n",
                Map.of("b", JSON.readTree("{\"provider\":\"y\"}")), "config.yaml");

        assertThat(out).isEqualTo("profiles:\n    b: {\"provider\":\"y\"}\n    a: {provider: x}\nother: 1\n");
    }

    @Test
    void removing_drops_the_entry_and_its_nested_lines_only() {
        String yaml = "profiles:\n  a:\n    provider: x\n    model: m\n  # note on b\n  b: {provider: y}\nother: 1\n";

        assertThat(ProfileBlock.remove(yaml, List.of("a"), "config.yaml"))
                .isEqualTo("profiles:\n  # note on b\n  b: {provider: y}\nother: 1\n");
    }

    @Test
    void an_inline_profiles_mapping_is_refused_with_the_file_and_line() {
        assertThatThrownBy(() -> ProfileBlock.add("x: 1\nprofiles: {a: {provider: x}}\n",
                Map.of("b", JSON.readTree("{}")), "/home/me/config.yaml"))
                .hasMessageContaining("/home/me/config.yaml:2").hasMessageContaining("inline");
    }
}
