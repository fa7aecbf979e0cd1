package dev.baton.context;

import dev.baton.llm.Message;

import java.util.List;
import java.util.Optional;

/**
 * The context service a {@code Baton} hands out: personas, stored conversations, the
 * {@code context:} settings, and per profile its persona, token counter and shaper.
 */
public interface ChatContext {

    /** The personas, shipped and the user's. */
    Personas personas();

    /** Stored chat sessions (opens the store on first use). */
    Conversations conversations();

    /** The {@code context:} settings with their defaults. */
    ContextSettings settings();

    /** The persona {@code profile} speaks with (its {@code persona:} or its provider's), if any. */
    Optional<Persona> personaOf(String profile);

    /**
     * The system prompt the pipeline gives {@code profile}'s requests that carry none of their own:
     * its persona and its {@code system_prompt}, composed as {@link PersonaPrompt} documents; null when neither is set.
     */
    @org.jspecify.annotations.Nullable String systemPromptOf(String profile);

    /**
     * The counter for {@code profile}'s model: jtokkit on OpenAI's own API, the provider's count
     * endpoint for Anthropic and Gemini (when a key is set, {@code count_endpoints} is on and the
     * estimate is at least {@code count_endpoint_min_tokens}), the estimate otherwise.
     */
    TokenCounter counter(String profile);

    /**
     * A shaper for {@code profile}: its context window, an output reserve of its {@code max_tokens}
     * (else {@code output_reserve_tokens}), the configured history policy, summaries by
     * {@code summary_profile} (else the profile itself).
     */
    ContextShaper shaper(String profile);

    /** {@code messages} as a plain transcript ({@code role: text} lines), as summaries and {@code /save} use it. */
    static String transcript(List<Message> messages) {
        StringBuilder b = new StringBuilder();
        for (Message m : messages) {
            b.append(m.role().name().toLowerCase(java.util.Locale.ROOT));
            if (m.toolName() != null) b.append(" (").append(m.toolName()).append(')');
            b.append(": ").append(m.text());
            m.toolCalls().forEach(c -> b.append("\n  [tool call] ").append(c.name()).append(' ').append(c.argumentsJson()));
            b.append('\n');
        }
        return b.toString();
    }
}
