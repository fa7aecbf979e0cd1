package dev.baton.config;

import dev.baton.config.internal.EnvExpander;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvExpanderTest {

    private final EnvExpander env = EnvExpander.of(Map.of("A", "1", "EMPTY", ""));

    @Test
    void expands_variables_defaults_and_escapes() {
        assertThat(env.expand("x${A}y")).isEqualTo("x1y");
        assertThat(env.expand("${MISSING}")).isEmpty();
        assertThat(env.expand("${MISSING:-d}")).isEqualTo("d");
        assertThat(env.expand("${EMPTY:-d}")).isEqualTo("d");
        assertThat(env.expand("$$A and $A")).isEqualTo("$A and $A");
        assertThat(env.expand("${unterminated")).isEqualTo("${unterminated");
        assertThat(env.expand(null)).isNull();
    }
}
