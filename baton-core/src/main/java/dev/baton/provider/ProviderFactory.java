package dev.baton.provider;

import dev.baton.llm.Capability;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ModelInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import dev.baton.provider.internal.ModelListProbe;

/**
 * Makes adapters of one provider kind, and says what Baton needs to know about the kind: where its
 * key and base URL come from in the environment, its default model, whether calls cost money, and
 * how to ask it which models it serves. Baton's own adapters and third-party ones are found the
 * same way, through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.baton.provider.ProviderFactory}), so a provider is added by putting
 * a jar on the classpath; the registry, {@code baton providers status} and the automatic
 * {@code default} profile read all of it from here.
 *
 * <p>Two methods are abstract ({@link #kind()}, {@link #create}); every other one has a default
 * that suits a kind with no environment variables, no default model and no probe.
 */
public interface ProviderFactory {

    /** Where a kind's models run, which decides whether calls cost money. */
    enum Hosting {
        /** A hosted service: calls are paid unless the price table says otherwise. */
        REMOTE,
        /** A server on this machine or network (e.g. Ollama): calls are free. */
        LOCAL,
        /** No network at all (the scripted model): calls are free. */
        OFFLINE;

        /** Whether a model of this hosting costs nothing when the price table does not know it. */
        public boolean free() {
            return this != REMOTE;
        }
    }

    /** A GET that lists the provider's models: the URL and the headers (credential included). */
    record ModelListing(URI uri, Map<String, String> headers) {
        public ModelListing {
            headers = Map.copyOf(headers);
        }
    }

    /** The kind named by {@code kind:} in a provider's configuration, e.g. {@code openai}. */
    String kind();

    /** An adapter for {@code model} of the configured provider. */
    ChatModel create(ProviderSettings settings, String model, @Nullable ModelInfo info, ObjectMapper json);

    /**
     * An embedding adapter for {@code model} of the configured provider, or null when the kind
     * has no embeddings API (the default).
     */
    default dev.baton.llm.@Nullable EmbeddingModel createEmbedding(ProviderSettings settings, String model, ModelInfo info,
                                                                    ObjectMapper json) {
        return null;
    }

    /** The base URL used when the configuration names none (null when the kind has no default). */
    default @Nullable URI defaultBaseUrl() {
        return null;
    }

    /**
     * The environment variables that give the API key, as the provider's official SDK reads them,
     * the first set one winning. Non-empty means the kind's own endpoint needs a key
     * ({@link #needsApiKey}); empty for kinds that need none or find it otherwise (Bedrock's AWS chain).
     */
    default List<String> keyVariables() {
        return List.of();
    }

    /** The environment variable that overrides the base URL (null when there is none). */
    default @Nullable String baseUrlVariable() {
        return null;
    }

    /** Adapter options read from the environment: option name → variable (e.g. OpenAI's organization). */
    default Map<String, String> optionVariables() {
        return Map.of();
    }

    /**
     * The base URL a configured or environment value names. The default reads it as a URI; a kind
     * whose tools accept a shorter form (Ollama's {@code host:port}) reads it their way.
     *
     * @throws IllegalArgumentException when the value is not a URL
     */
    default URI parseBaseUrl(String value) {
        return URI.create(value.strip());
    }

    /** The model used when a profile of this kind names none, and by the automatic {@code default} (null: none). */
    default @Nullable String defaultModel() {
        return null;
    }

    /** Where the models run; {@link Hosting#REMOTE} unless the kind says otherwise. */
    default Hosting hosting() {
        return Hosting.REMOTE;
    }

    /** What a model of this kind can do when the model catalog does not know it. */
    default Set<Capability> defaultCapabilities() {
        return EnumSet.of(Capability.STREAMING);
    }

    /**
     * Whether calls through these settings would go to the kind's own hosted endpoint without the
     * key it requires: no key, no base URL of the user's (a proxy or gateway may need none), and a
     * kind that names key variables.
     */
    default boolean needsApiKey(ProviderSettings settings) {
        return settings.apiKey() == null && settings.baseUrl() == null && !keyVariables().isEmpty();
    }

    /** The request the default {@link #probe} sends to list models; null when the kind has none. */
    default @Nullable ModelListing modelListing(ProviderSettings settings) {
        return null;
    }

    /** The model ids in the answer to {@link #modelListing}; the default reads OpenAI's {@code data[].id}. */
    default List<String> modelIds(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : answer.path("data")) {
            String id = m.path("id").asString("");
            if (!id.isEmpty()) ids.add(id);
        }
        return ids;
    }

    /**
     * The models the provider lists (empty when the kind has no listing).
     *
     * @throws dev.baton.error.BatonException when it cannot be reached, refuses the key, or answers
     *         with something unreadable
     */
    default List<String> listModels(ProviderSettings settings, Duration timeout, ObjectMapper json) {
        ModelListing listing = modelListing(settings);
        return listing == null ? List.of() : ModelListProbe.list(this, settings, listing, timeout, json);
    }

    /** A hint appended when the provider cannot be connected to (e.g. which server to start); null for none. */
    default @Nullable String unreachableHint() {
        return null;
    }

    /**
     * Whether the provider answers, checked cheaply within the timeout. The default lists the
     * models through {@link #modelListing} (a bad key shows as UNAUTHORIZED, not reachable), or
     * says nothing is known when the kind has no listing.
     */
    default ProviderStatus probe(ProviderSettings settings, Duration timeout, ObjectMapper json) {
        ModelListing listing = modelListing(settings);
        if (listing == null) return ProviderStatus.unknown(settings.name(), kind());
        return ModelListProbe.probe(this, settings, listing, timeout, json);
    }
}
