package dev.baton.provider;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ModelInfo;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;

/**
 * Makes adapters of one provider kind. Baton's own adapters and third-party ones are found the
 * same way, through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.baton.provider.ProviderFactory}),
 * so a provider can be added by putting a jar on the classpath.
 */
public interface ProviderFactory {

    /** The kind named by {@code kind:} in a provider's configuration, e.g. {@code openai}. */
    String kind();

    /** An adapter for {@code model} of the configured provider. */
    ChatModel create(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json);

    /** The base URL used when the configuration names none (null when the kind has no default). */
    default java.net.URI defaultBaseUrl() {
        return null;
    }

    /**
     * Whether the provider answers, checked cheaply (a models list or a HEAD), within the timeout.
     * The default says nothing is known.
     */
    default ProviderStatus probe(ProviderSettings settings, Duration timeout, ObjectMapper json) {
        return ProviderStatus.unknown(settings.name(), kind());
    }
}
