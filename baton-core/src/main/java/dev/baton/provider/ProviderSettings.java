package dev.baton.provider;

import dev.baton.secret.Secret;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one configured provider: its name in the configuration, its kind (the adapter:
 * openai, anthropic, gemini, ollama, bedrock, scripted or a plug-in's), the base URL, the
 * credential, extra headers, timeouts and adapter-specific options. {@code toString()} never
 * shows the credential. The base URL is null for the kind's default; the key is null when none is
 * set. Null headers, options or timeouts given to the constructor mean none and the defaults.
 */
public record ProviderSettings(String name, String kind, @Nullable URI baseUrl, @Nullable Secret apiKey,
                               Map<String, String> headers, Duration connectTimeout, Duration requestTimeout,
                               Map<String, Object> options) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);

    public ProviderSettings {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        options = options == null ? Map.of() : Map.copyOf(options);
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    }

    public static ProviderSettings of(String kind, @Nullable URI baseUrl, @Nullable Secret apiKey) {
        return new ProviderSettings(kind, kind, baseUrl, apiKey, Map.of(), null, null, Map.of());
    }

    public ProviderSettings withRequestTimeout(Duration timeout) {
        return new ProviderSettings(name, kind, baseUrl, apiKey, headers, connectTimeout, timeout, options);
    }

    /** A string option, or the default when absent. */
    public @Nullable String option(String key, @Nullable String fallback) {
        Object value = options.get(key);
        return value == null ? fallback : value.toString();
    }

    /** Never shows the credential, header values or option values that look like secrets. */
    @Override
    public String toString() {
        java.util.Map<String, Object> shown = new java.util.TreeMap<>();
        options.forEach((k, v) -> shown.put(k, looksSecret(k) ? "****" : v));
        return "ProviderSettings[name=" + name + ", kind=" + kind + ", baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey == null ? "none" : "****") + ", headers=" + headers.keySet()
                + ", options=" + shown + "]";
    }

    private static boolean looksSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("secret") || k.contains("token") || k.contains("key") || k.contains("password");
    }

    /** Scrubs this provider's credential out of a text that may echo it. */
    public @Nullable String scrub(@Nullable String text) {
        return apiKey == null ? text : apiKey.scrub(text);
    }
}
