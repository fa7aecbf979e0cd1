package dev.baton.provider.internal;

import dev.baton.provider.ProviderSettings;

import java.util.Locale;

/**
 * Chooses the HTTP client a provider adapter sends with: the provider's {@code http_client}
 * option ({@code baton}, Baton's own, {@code jetty} or {@code jdk}) when set, else the process's
 * choice in the system property {@value #PROPERTY}, else Baton's own (the least CPU per call of
 * the three, no thread of its own: docs/PERFORMANCE.md §28). An unknown name is an
 * {@link IllegalArgumentException} naming where it was set.
 */
public final class HttpTransports {

    /** The provider option naming the client. */
    public static final String OPTION = "http_client";
    /** The system property naming the client for every provider of the process. */
    public static final String PROPERTY = "baton.http.client";

    private HttpTransports() {
    }

    /** A started transport for this provider. */
    public static HttpTransport create(ProviderSettings settings) {
        String option = settings.option(OPTION, null);
        String choice = option != null ? option : System.getProperty(PROPERTY, "baton");
        return switch (choice.strip().toLowerCase(Locale.ROOT)) {
            case "jetty" -> new JettyHttpTransport(settings);
            case "jdk" -> new JdkHttpTransport(settings);
            case "baton" -> new BatonHttpTransport(settings);
            default -> throw new IllegalArgumentException((option != null
                    ? "providers." + settings.name() + "." + OPTION
                    : "system property " + PROPERTY) + ": unknown HTTP client '" + choice + "' (expected jetty, jdk or baton)");
        };
    }
}
