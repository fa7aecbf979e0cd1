package dev.baton.context.internal;

import dev.baton.config.BatonConfig;
import dev.baton.config.ProfileResolver;
import dev.baton.config.ResolvedProfile;
import dev.baton.context.ChatContext;
import dev.baton.context.ContextSettings;
import dev.baton.context.ContextShaper;
import dev.baton.context.Conversations;
import dev.baton.context.Persona;
import dev.baton.context.PersonaPrompt;
import dev.baton.context.Personas;
import dev.baton.context.TokenCounter;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The context service of one Baton. The conversation store and the HTTP client of the count
 * endpoints are made on first use; {@link #close()} closes the client.
 */
public final class DefaultChatContext implements ChatContext, AutoCloseable {

    /** How long a summary of dropped history may be. */
    static final int SUMMARY_MAX_TOKENS = 512;
    static final String SUMMARY_INSTRUCTION = "Summarise the conversation below in a few sentences for the assistant "
            + "who continues it: decisions, facts, open questions and what the user wants. Reply with the summary only.";

    private final BatonConfig config;
    private final ProfileResolver profiles;
    private final Personas personas;
    private final ContextSettings settings;
    private final Supplier<Conversations> conversationsFactory;
    private final Function<String, ChatModel> models;
    private final ObjectMapper json;
    private final ReentrantLock lock = new ReentrantLock();
    private @Nullable Conversations conversations;
    private @Nullable HttpClient http;

    public DefaultChatContext(BatonConfig config, ProfileResolver profiles, Personas personas, ContextSettings settings,
                              Supplier<Conversations> conversations, Function<String, ChatModel> models, ObjectMapper json) {
        this.config = config;
        this.profiles = profiles;
        this.personas = personas;
        this.settings = settings;
        this.conversationsFactory = conversations;
        this.models = models;
        this.json = json;
    }

    @Override
    public Personas personas() {
        return personas;
    }

    @Override
    public Conversations conversations() {
        lock.lock();
        try {
            if (conversations == null) conversations = conversationsFactory.get();
            return conversations;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ContextSettings settings() {
        return settings;
    }

    @Override
    public Optional<Persona> personaOf(String profile) {
        return PersonaPrompt.nameFor(config, profiles.resolve(profile)).map(personas::get);
    }

    @Override
    public @Nullable String systemPromptOf(String profile) {
        ResolvedProfile p = profiles.resolve(profile);
        List<Message> composed = PersonaPrompt.compose(personaOf(profile).map(Persona::text).orElse(null), p.systemPrompt(), List.of());
        return composed.isEmpty() ? null : composed.getFirst().text();
    }

    @Override
    public TokenCounter counter(String profile) {
        return TokenCounters.exact(profiles.resolve(profile), settings, json, http());
    }

    @Override
    public ContextShaper shaper(String profile) {
        ResolvedProfile p = profiles.resolve(profile);
        int reserve = p.maxTokens() != null ? p.maxTokens() : settings.outputReserveTokens();
        String summaryProfile = settings.summaryProfile() != null ? settings.summaryProfile() : profile;
        return new ContextShaper(TokenCounters.local(p), counter(profile), p.info().contextWindow(), reserve,
                settings.history(), dropped -> summarise(summaryProfile, dropped));
    }

    private String summarise(String profile, List<Message> dropped) {
        ChatRequest request = ChatRequest.builder().system(SUMMARY_INSTRUCTION).user(ChatContext.transcript(dropped))
                .maxTokens(SUMMARY_MAX_TOKENS).build();
        return models.apply(profile).chat(request).text().strip();
    }

    private HttpClient http() {
        lock.lock();
        try {
            if (http == null) http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            return http;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (http != null) http.close();
            http = null;
        } finally {
            lock.unlock();
        }
    }
}
