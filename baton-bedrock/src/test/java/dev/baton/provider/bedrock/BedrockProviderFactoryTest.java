package dev.baton.provider.bedrock;

import dev.baton.secret.Secret;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import dev.baton.testing.LoopbackServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class BedrockProviderFactoryTest extends BedrockLoopbackTest {

    private final BedrockProviderFactory factory = new BedrockProviderFactory();

    private ProviderSettings settings(URI base) {
        return BedrockChatModelContractTest.settings(base, Secret.of(SECRET_KEY), Duration.ofSeconds(5));
    }

    @Test
    void the_bedrock_kind_is_found_through_the_service_loader_when_the_module_is_on_the_classpath() {
        ProviderFactory found = ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.kind().equals("bedrock")).findFirst().orElseThrow();

        var model = found.create(settings(server.baseUri()), "amazon.nova-lite-v1:0",
                BedrockChatModelContractTest.info("amazon.nova-lite-v1:0"), BedrockDialect.JSON);

        assertThat(model).isInstanceOf(BedrockChatModel.class);
        assertThat(model.info().model()).isEqualTo("amazon.nova-lite-v1:0");
        assertThat(found.defaultBaseUrl()).isNull();
        track((BedrockChatModel) model);
    }

    @Test
    void probe_is_reachable_when_bedrock_rejects_the_empty_request() {
        server.enqueue(BedrockDialect.error(400, "ValidationException", "The provided model identifier is invalid.", true));

        ProviderStatus status = factory.probe(settings(server.baseUri()), Duration.ofSeconds(5), BedrockDialect.JSON);

        assertThat(status.state()).isEqualTo(ProviderStatus.State.REACHABLE);
        assertThat(server.lastRequest().path()).isEqualTo("/model/" + BedrockProviderFactory.PROBE_MODEL + "/converse");
        assertThat(server.lastRequest().header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
    }

    @Test
    void probe_is_unauthorized_when_the_credentials_are_not_recognised() {
        server.enqueue(BedrockDialect.error(403, "UnrecognizedClientException", "The security token is invalid.", true));

        ProviderStatus status = factory.probe(settings(server.baseUri()), Duration.ofSeconds(5), BedrockDialect.JSON);

        assertThat(status.state()).isEqualTo(ProviderStatus.State.UNAUTHORIZED);
        assertThat(status.detail()).doesNotContain(SECRET_KEY);
    }

    @Test
    void probe_is_unreachable_when_nothing_listens() {
        int port;
        try (LoopbackServer gone = new LoopbackServer()) {
            port = gone.baseUri().getPort();
        }

        ProviderStatus status = factory.probe(settings(URI.create("http://127.0.0.1:" + port)), Duration.ofSeconds(2),
                BedrockDialect.JSON);

        assertThat(status.state()).isEqualTo(ProviderStatus.State.UNREACHABLE);
    }
}
