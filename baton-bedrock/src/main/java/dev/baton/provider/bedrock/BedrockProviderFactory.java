package dev.baton.provider.bedrock;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.List;

/**
 * Makes {@link BedrockChatModel}s for providers of kind {@code bedrock}. Registered through
 * {@code META-INF/services} of the {@code baton-bedrock} module, so the kind exists exactly when
 * the module is on the classpath. The endpoint follows from the region, so there is no default
 * base URL.
 *
 * <p>The probe sends a Converse call Bedrock must reject before any model runs (no messages, a
 * model id that names nothing): an answer about the request proves the endpoint answers and
 * accepts the credentials, at no cost; an authentication or permission failure shows they are
 * not accepted.
 */
public final class BedrockProviderFactory implements ProviderFactory {

    static final String PROBE_MODEL = "baton.probe-v1:0";

    @Override
    public String kind() {
        return "bedrock";
    }

    @Override
    public ChatModel create(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        return new BedrockChatModel(settings, model, info, json);
    }

    @Override
    public dev.baton.llm.EmbeddingModel createEmbedding(ProviderSettings settings, String model, ModelInfo info,
                                                       ObjectMapper json) {
        return new BedrockEmbeddingModel(settings, model, info, json);
    }

    @Override
    public ProviderStatus probe(ProviderSettings settings, Duration timeout, ObjectMapper json) {
        try (BedrockChatModel probe = new BedrockChatModel(settings.withRequestTimeout(timeout), PROBE_MODEL,
                new ModelInfo(settings.name(), PROBE_MODEL, 0, 0, null, null), json)) {
            probe.chat(ChatRequest.builder().messages(List.of()).build());
            return status(settings, ProviderStatus.State.REACHABLE, "Bedrock answered");
        } catch (BatonException e) {
            return switch (e.code()) {
                case INVALID_REQUEST, MODEL_UNAVAILABLE, NOT_FOUND -> e.providerStatus() > 0
                        ? status(settings, ProviderStatus.State.REACHABLE, "Bedrock answered and accepted the credentials")
                        : status(settings, ProviderStatus.State.UNREACHABLE, e.getMessage());
                case AUTHENTICATION, PERMISSION_DENIED -> status(settings, ProviderStatus.State.UNAUTHORIZED,
                        e.getMessage());
                default -> status(settings, ProviderStatus.State.UNREACHABLE, e.getMessage());
            };
        }
    }

    private ProviderStatus status(ProviderSettings settings, ProviderStatus.State state, String detail) {
        return new ProviderStatus(settings.name(), kind(), state, detail, List.of());
    }
}
