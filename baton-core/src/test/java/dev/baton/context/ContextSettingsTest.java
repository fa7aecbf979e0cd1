package dev.baton.context;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContextSettingsTest {

    @Test
    void unset_values_take_the_documented_defaults() {
        assertThat(ContextSettings.of(null)).isEqualTo(new ContextSettings(HistoryPolicy.DROP, 1024, 0, null, true, 2000));
        assertThat(ContextSettings.of(new BatonConfig.ContextConfig("summarize", 10, 5, " writer ", false, 0)))
                .isEqualTo(new ContextSettings(HistoryPolicy.SUMMARISE, 10, 5, "writer", false, 0));
    }

    @Test
    void bad_values_name_their_key() {
        assertThatThrownBy(() -> ContextSettings.of(new BatonConfig.ContextConfig("forget", null, null, null, null, null)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("context.history: unknown value 'forget'");
        assertThatThrownBy(() -> ContextSettings.of(new BatonConfig.ContextConfig(null, -1, null, null, null, null)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("context.output_reserve_tokens");
        assertThatThrownBy(() -> ContextSettings.of(new BatonConfig.ContextConfig(null, null, -3, null, null, null)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("context.retention_messages");
    }
}
