package dev.baton.provider.bedrock;

import dev.baton.secret.Secret;
import dev.baton.provider.ProviderSettings;
import dev.baton.testing.LoopbackServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A loopback Bedrock endpoint and adapters pointed at it, signed with fake static credentials. */
abstract class BedrockLoopbackTest {

    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    protected LoopbackServer server;
    protected BedrockDialect dialect;
    private final List<BedrockChatModel> models = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = new LoopbackServer();
        dialect = new BedrockDialect(() -> server.lastRequest());
    }

    @AfterEach
    void stopServer() {
        models.forEach(BedrockChatModel::close);
        server.close();
    }

    protected BedrockChatModel model() {
        return model(BedrockChatModelContractTest.MODEL, Duration.ofSeconds(5));
    }

    protected BedrockChatModel model(String modelId, Duration timeout) {
        return track(new BedrockChatModel(
                BedrockChatModelContractTest.settings(server.baseUri(), Secret.of(SECRET_KEY), timeout),
                modelId, BedrockChatModelContractTest.info(modelId), BedrockDialect.JSON));
    }

    /** An adapter with a Bedrock API key (bearer token) instead of AWS credentials. */
    protected BedrockChatModel modelWithApiKey(String apiKey) {
        Map<String, Object> options = new HashMap<>();
        options.put("region", "us-west-2");
        ProviderSettings settings = new ProviderSettings("bedrock", "bedrock", server.baseUri(), Secret.of(apiKey),
                Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(5), options);
        return track(new BedrockChatModel(settings, BedrockChatModelContractTest.MODEL,
                BedrockChatModelContractTest.info(BedrockChatModelContractTest.MODEL), BedrockDialect.JSON));
    }

    protected BedrockChatModel track(BedrockChatModel model) {
        models.add(model);
        return model;
    }

    protected JsonNode lastBody() {
        return BedrockDialect.JSON.readTree(server.lastRequest().body());
    }
}
