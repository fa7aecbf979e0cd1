package dev.baton.config.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlTreeReaderTest {

    @Test
    void a_document_of_only_comments_is_empty_as_a_blank_one_is() {
        assertThat(YamlTreeReader.read("# nothing set yet\n# default_profile: fast\n")).isNull();
        assertThat(new ConfigLoader(EnvExpander.of(java.util.Map.of())).parse("# only comments\n", null).profiles()).isEmpty();
    }

    @Test
    void a_second_document_is_refused_at_its_line() {
        assertThatThrownBy(() -> YamlTreeReader.read("a: 1\n---\nb: 2\n"))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("a second YAML document")
                .satisfies(e -> assertThat(((ConfigProblem) e).line()).isEqualTo(3));
    }

    @Test
    void keys_and_values_keep_their_lines_and_columns() {
        YamlNode.Mapping root = (YamlNode.Mapping) YamlTreeReader.read("profiles:\n  fast:\n    model: m\n    prices: {input: 1}\n");
        YamlNode.Mapping fast = (YamlNode.Mapping) ((YamlNode.Mapping) root.entry("profiles").value()).entry("fast").value();
        assertThat(fast.entry("model").line()).isEqualTo(3);
        assertThat(fast.entry("model").value().column()).isEqualTo(12);
        assertThat(((YamlNode.Mapping) fast.entry("prices").value()).entry("input").line()).isEqualTo(4);
    }

    @Test
    void a_duplicate_key_is_refused_naming_the_mapping_that_holds_it() {
        assertThatThrownBy(() -> YamlTreeReader.read("profiles:\n  a: {provider: x}\n  a: {provider: y}\n"))
                .hasMessage("duplicate key 'a' in 'profiles'")
                .satisfies(e -> assertThat(((ConfigProblem) e).line()).isEqualTo(3));
    }
}
