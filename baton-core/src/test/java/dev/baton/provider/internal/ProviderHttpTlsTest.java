package dev.baton.provider.internal;

import dev.baton.secret.Secret;
import dev.baton.error.ErrorContext;
import dev.baton.testkit.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import dev.baton.provider.ProviderSettings;

/** TLS is set up only for clients that can need it: an http:// provider does not pay for it. */
class ProviderHttpTlsTest {

    @Test
    void given_an_http_base_url_when_the_jdk_client_is_built_then_it_does_not_use_the_default_tls_context()
            throws Exception {
        try (ProviderHttp http = http(URI.create("http://127.0.0.1:11434/v1"), "jdk")) {
            assertThat(((JdkHttpTransport) http.transport()).client().sslContext()).isNotSameAs(SSLContext.getDefault());
        }
    }

    @Test
    void given_an_https_base_url_or_none_then_the_jdk_client_uses_the_default_tls_context() throws Exception {
        try (ProviderHttp https = http(URI.create("https://api.example.org/v1"), "jdk");
             ProviderHttp none = http(null, "jdk")) {
            assertThat(((JdkHttpTransport) https.transport()).client().sslContext()).isSameAs(SSLContext.getDefault());
            assertThat(((JdkHttpTransport) none.transport()).client().sslContext()).isSameAs(SSLContext.getDefault());
        }
    }

    @Test
    void given_an_http_base_url_when_the_jetty_client_starts_then_it_loads_no_tls_context() {
        try (ProviderHttp http = http(URI.create("http://127.0.0.1:11434/v1"), "jetty");
             ProviderHttp https = http(URI.create("https://api.example.org/v1"), "jetty")) {
            assertThat(((JettyHttpTransport) http.transport()).client().getSslContextFactory())
                    .isInstanceOf(PlainHttpTls.RefusingJetty.class);
            assertThat(((JettyHttpTransport) https.transport()).client().getSslContextFactory().getSslContext()).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "jdk", "baton"})
    void given_an_http_base_url_then_plain_calls_work(String client) throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Answer.ok("{\"ok\":true}"));
             ProviderHttp http = http(server.uri(), client)) {
            var response = http.send(http.post(server.uri(), "{}".getBytes(), Map.of(), Instant.now().plusSeconds(10), false),
                    ErrorContext.ofModel("test", "m"));

            assertThat(new String(response.body())).isEqualTo("{\"ok\":true}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "jdk", "baton"})
    void given_an_http_base_url_when_a_call_goes_to_https_then_it_fails_naming_the_reason(String client) {
        try (ProviderHttp http = http(URI.create("http://127.0.0.1:1/v1"), client)) {
            Throwable t = catchThrowable(() -> http.send(http.post(URI.create("https://127.0.0.1:1/v1"), "{}".getBytes(),
                    Map.of(), Instant.now().plusSeconds(10), false), ErrorContext.ofModel("test", "m")));

            assertThat(t).isNotNull();
            assertThat(t).rootCause().hasMessageContaining("http://");
        }
    }

    static ProviderHttp http(URI base, String client) {
        Map<String, Object> options = new HashMap<>();
        options.put(HttpTransports.OPTION, client);
        return new ProviderHttp(new ProviderSettings("test", "openai", base, Secret.of("sk-test-123456789"), Map.of(),
                Duration.ofSeconds(2), Duration.ofSeconds(10), options), new ObjectMapper());
    }
}
