package dev.baton.provider.bedrock;

import dev.baton.secret.Secret;
import dev.baton.llm.Capability;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ChatModelContractTest;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.WireDialect;
import org.junit.jupiter.api.AfterEach;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared provider contract against a loopback server speaking Bedrock Runtime's wire format.
 * The contract's API key plays the AWS secret access key (with access key id {@code AKIDEXAMPLE}),
 * so the credential check verifies the SigV4 signature made with it, and the leak check covers it.
 */
class BedrockChatModelContractTest extends ChatModelContractTest {

    static final String MODEL = "amazon.nova-lite-v1:0";

    private final BedrockDialect dialect = new BedrockDialect(() -> server.lastRequest());
    private final List<BedrockChatModel> models = new ArrayList<>();

    static ProviderSettings settings(URI baseUrl, Secret secretKey, Duration timeout) {
        return new ProviderSettings("bedrock", "bedrock", baseUrl, null, Map.of(), Duration.ofSeconds(2), timeout,
                Map.of("region", "us-east-1", "access_key_id", "AKIDEXAMPLE", "secret_access_key", secretKey));
    }

    static ModelInfo info(String model) {
        return new ModelInfo("bedrock", model, 300_000, 5_000, Set.of(Capability.TOOLS, Capability.STREAMING), null);
    }

    @Override
    protected ChatModel model(URI baseUrl, Secret apiKey, Duration timeout) {
        BedrockChatModel model = new BedrockChatModel(settings(baseUrl, apiKey, timeout), MODEL, info(MODEL), JSON);
        models.add(model);
        return model;
    }

    @Override
    protected WireDialect dialect() {
        return dialect;
    }

    @AfterEach
    void closeModels() {
        models.forEach(BedrockChatModel::close);
    }
}
