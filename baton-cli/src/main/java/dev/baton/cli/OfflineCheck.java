package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.config.ResolvedProfile;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;

import java.util.stream.Stream;

/**
 * Whether an ensemble's LLM agents would answer with the offline scripted model because no API
 * key is set (the {@code default} profile picked automatically, or a profile pointing at it), so
 * the command can say so instead of letting scripted replies pass for real ones.
 */
final class OfflineCheck {

    static final String MESSAGE = "baton: offline: no API key set — agents answer with the scripted model";

    private OfflineCheck() {
    }

    static boolean usesAutoOffline(Baton baton, EnsembleSpec spec) {
        return spec.agents().stream().filter(a -> a.kind() instanceof AgentKind.Llm)
                .flatMap(OfflineCheck::profiles)
                .anyMatch(p -> isAutoOffline(baton, p));
    }

    private static Stream<String> profiles(AgentSpec a) {
        return Stream.of(a.modelProfile(), a.fallbackModelProfile()).filter(p -> p != null);
    }

    private static boolean isAutoOffline(Baton baton, String profile) {
        try {
            ResolvedProfile p = baton.profile(profile);
            return "scripted".equals(p.provider().kind()) && p.origin().startsWith("auto");
        } catch (RuntimeException unknown) {
            return false; // the validator has already reported unknown profiles
        }
    }
}
