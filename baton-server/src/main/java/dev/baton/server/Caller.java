package dev.baton.server;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import java.util.Set;

/**
 * Who made a request, as authentication found it: the API key's id ({@code null} when the server
 * runs without authentication), its name for logs, and the profiles it may call (empty: all).
 * The key's secret is never part of it.
 */
public record Caller(@Nullable String keyId, String name, Set<String> profiles) {

    /** The request attribute holding the caller. */
    public static final String ATTRIBUTE = "dev.baton.server.caller";

    /** Everyone, on a server run with {@code --no-auth}. */
    public static final Caller ANONYMOUS = new Caller(null, "anonymous", Set.of());

    public Caller {
        profiles = Set.copyOf(profiles);
    }

    /** Whether this caller may use {@code profile}. */
    public boolean mayUse(String profile) {
        return profiles.isEmpty() || profiles.contains(profile);
    }

    /** The caller of a request that passed authentication ({@link #ANONYMOUS} when none was needed). */
    public static Caller of(HttpServletRequest request) {
        Object c = request.getAttribute(ATTRIBUTE);
        return c instanceof Caller caller ? caller : ANONYMOUS;
    }
}
