package dev.baton.context;

import dev.baton.config.BatonConfig;
import dev.baton.config.ResolvedProfile;
import dev.baton.llm.Message;
import dev.baton.llm.Role;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which persona a profile speaks with and how it joins a request's system prompt. The persona is
 * the profile's {@code persona:}, else its provider's {@code persona:}, else none. A request's
 * system prompt is composed in this order, as one system message:
 * <ol>
 *   <li>the persona's text;</li>
 *   <li>a blank line;</li>
 *   <li>the request's own system message (an ensemble agent's {@code system_prompt}, {@code ask
 *       --system}), or, when the request has none, the profile's {@code system_prompt}.</li>
 * </ol>
 */
public final class PersonaPrompt {

    private PersonaPrompt() {
    }

    /** The persona name configured for {@code profile}: the profile's, else its provider's. */
    public static Optional<String> nameFor(BatonConfig config, ResolvedProfile profile) {
        BatonConfig.ProfileConfig pc = config.profiles().get(profile.name());
        if (pc != null && pc.persona() != null && !pc.persona().isBlank()) return Optional.of(pc.persona().strip());
        BatonConfig.ProviderConfig provider = config.providers().get(profile.provider().name());
        if (provider != null && provider.persona() != null && !provider.persona().isBlank()) {
            return Optional.of(provider.persona().strip());
        }
        return Optional.empty();
    }

    /**
     * {@code messages} with their system prompt composed as the class documents: the first system
     * message (or {@code profileSystem} when there is none) preceded by {@code persona}; unchanged
     * when both are absent.
     */
    public static List<Message> compose(@Nullable String persona, @Nullable String profileSystem, List<Message> messages) {
        int first = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).role() == Role.SYSTEM) {
                first = i;
                break;
            }
        }
        String own = first >= 0 ? messages.get(first).text() : profileSystem;
        if (persona == null && (first >= 0 || own == null)) return messages;
        String system = persona == null ? own : own == null || own.isBlank() ? persona : persona + "\n\n" + own;
        List<Message> out = new ArrayList<>(messages.size() + 1);
        if (first >= 0) {
            out.addAll(messages);
            out.set(first, Message.system(system));
        } else {
            out.add(Message.system(system));
            out.addAll(messages);
        }
        return out;
    }
}
