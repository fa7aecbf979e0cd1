package dev.baton.provider;

import java.util.List;

/**
 * What a probe found of a configured provider: whether it answered, a short detail (never a
 * credential) and the models it reported, where it reports any.
 */
public record ProviderStatus(String name, String kind, State state, String detail, List<String> models) {

    /** Outcome of a probe. */
    public enum State { REACHABLE, UNREACHABLE, UNAUTHORIZED, UNKNOWN }

    public ProviderStatus {
        models = models == null ? List.of() : List.copyOf(models);
    }

    public static ProviderStatus unknown(String name, String kind) {
        return new ProviderStatus(name, kind, State.UNKNOWN, "no probe for this provider kind", List.of());
    }
}
