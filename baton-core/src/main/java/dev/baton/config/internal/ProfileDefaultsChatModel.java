package dev.baton.config.internal;

import dev.baton.config.ResolvedProfile;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.context.PersonaPrompt;
import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies a profile's defaults to each request: temperature, max tokens, options (the request's
 * own values win) and the system prompt: the profile's persona first, then the request's own
 * system message or, when it has none, the profile's {@code system_prompt} ({@link PersonaPrompt}).
 */
public final class ProfileDefaultsChatModel implements ChatModel {

    private final ChatModel delegate;
    private final ResolvedProfile profile;
    private final @Nullable String persona;

    public ProfileDefaultsChatModel(ChatModel delegate, ResolvedProfile profile) {
        this(delegate, profile, null);
    }

    /** With the text of the profile's persona ({@code null}: none). */
    public ProfileDefaultsChatModel(ChatModel delegate, ResolvedProfile profile, @Nullable String persona) {
        this.delegate = delegate;
        this.profile = profile;
        this.persona = persona;
    }

    /** The request as this model sends it: the profile's defaults applied where the request has none. */
    public ChatRequest apply(ChatRequest request) {
        boolean temperature = request.temperature() == null && profile.temperature() != null;
        boolean maxTokens = request.maxTokens() == null && profile.maxTokens() != null;
        var messages = PersonaPrompt.compose(persona, profile.systemPrompt(), request.messages());
        // nothing to fill in (the request sets what the profile defaults): the request goes on as it is,
        // without a copy; a gateway call whose client sends max_tokens is the common case
        if (!temperature && !maxTokens && profile.options().isEmpty() && messages == request.messages()) return request;
        ChatRequest.Builder b = request.toBuilder();
        if (temperature) b.temperature(profile.temperature());
        if (maxTokens) b.maxTokens(profile.maxTokens());
        if (!profile.options().isEmpty()) {
            Map<String, Object> options = new LinkedHashMap<>(profile.options());
            options.putAll(request.options());
            b.options(options);
        }
        if (messages != request.messages()) b.messages(messages);
        return b.build();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return delegate.chat(apply(request)).withProfile(profile.name());
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        return delegate.stream(apply(request));
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    @Override
    public String toString() {
        return "Profile[" + profile.name() + " -> " + delegate + "]";
    }
}
