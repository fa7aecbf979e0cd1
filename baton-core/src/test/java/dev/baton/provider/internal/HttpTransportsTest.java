package dev.baton.provider.internal;

import dev.baton.provider.ProviderSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider's {@code http_client} option, then the process's property, choose the transport. */
class HttpTransportsTest {

    @Test
    void given_the_option_then_it_wins_over_the_process_default() {
        try (HttpTransport jdk = HttpTransports.create(settings(Map.of("http_client", "jdk")));
             HttpTransport jetty = HttpTransports.create(settings(Map.of("http_client", " Jetty ")))) {
            assertThat(jdk.name()).isEqualTo("jdk");
            assertThat(jetty.name()).isEqualTo("jetty");
        }
    }

    @Test
    void given_no_option_and_no_property_then_it_is_batons_own() {
        String before = System.clearProperty(HttpTransports.PROPERTY);
        try (HttpTransport t = HttpTransports.create(settings(Map.of()))) {
            assertThat(t.name()).isEqualTo("baton");
        } finally {
            if (before != null) System.setProperty(HttpTransports.PROPERTY, before);
        }
    }

    @Test
    void given_an_unknown_client_then_the_error_names_the_option_and_the_choices() {
        assertThatThrownBy(() -> HttpTransports.create(settings(Map.of("http_client", "okhttp"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("providers.local.http_client")
                .hasMessageContaining("okhttp")
                .hasMessageContaining("jetty, jdk or baton");
    }

    private static ProviderSettings settings(Map<String, Object> options) {
        return new ProviderSettings("local", "openai", URI.create("http://127.0.0.1:1/v1"), null, Map.of(),
                Duration.ofSeconds(1), Duration.ofSeconds(5), options);
    }
}
