package dev.baton.provider.plugin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.CompletedChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Usage;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import tools.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Locale;

/**
 * The whole of a third-party provider: a {@link ProviderFactory} named in
 * {@code META-INF/services/dev.baton.provider.ProviderFactory} on the classpath. This one answers
 * with the prompt in capitals; a real one would call its service over HTTP. Its key comes from
 * {@code SHOUT_API_KEY} and its default model is {@code loud-1}.
 */
public final class ShoutProviderFactory implements ProviderFactory {

    /** How often each model ({@code provider/model}) was asked to prepare and to answer, for tests. */
    static final Map<String, AtomicInteger> PREPARED = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> CALLED = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return "shout";
    }

    /** Like a real hosted provider, it names where its key comes from and which model to use by default. */
    @Override
    public List<String> keyVariables() {
        return List.of("SHOUT_API_KEY");
    }

    @Override
    public String baseUrlVariable() {
        return "SHOUT_BASE_URL";
    }

    @Override
    public String defaultModel() {
        return "loud-1";
    }

    @Override
    public ChatModel create(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        return new ChatModel() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                CALLED.computeIfAbsent(settings.name() + "/" + model, k -> new AtomicInteger()).incrementAndGet();
                String text = request.lastUserText().toUpperCase(Locale.ROOT);
                return ChatResponse.ofText(text, Usage.of(1, 1), settings.name(), model);
            }

            @Override
            public ChatStream stream(ChatRequest request) {
                return new CompletedChatStream(chat(request));
            }

            @Override
            public ModelInfo info() {
                return info;
            }

            @Override
            public void prepare() {
                PREPARED.computeIfAbsent(settings.name() + "/" + model, k -> new AtomicInteger()).incrementAndGet();
            }
        };
    }
}
