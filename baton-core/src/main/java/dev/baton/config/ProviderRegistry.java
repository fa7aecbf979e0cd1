package dev.baton.config;

import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ollama.OllamaProviderFactory;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The providers Baton can reach: the built-in ones (set up from the providers' conventional
 * environment variables) with the configured ones over them, and the adapter factories found on
 * the classpath. Credentials come from the configuration, then the environment, then the
 * credential store.
 */
public final class ProviderRegistry {

    /** Environment variables of the built-in providers, as the official SDKs read them. */
    private static final Map<String, List<String>> KEY_VARS = Map.of(
            "openai", List.of("OPENAI_API_KEY"),
            "anthropic", List.of("ANTHROPIC_API_KEY"),
            "gemini", List.of("GEMINI_API_KEY", "GOOGLE_API_KEY"));
    private static final Map<String, String> BASE_URL_VARS = Map.of(
            "openai", "OPENAI_BASE_URL", "anthropic", "ANTHROPIC_BASE_URL", "gemini", "GEMINI_BASE_URL");
    private static final List<String> BUILT_IN = List.of("openai", "anthropic", "gemini", "ollama", "bedrock", "scripted");

    private final Map<String, ProviderFactory> factories;
    private final Map<String, ProviderSettings> settings;

    public ProviderRegistry(BatonConfig config, Map<String, String> env, Function<String, Optional<Secret>> storedKeys,
                            Map<String, ProviderFactory> factories) {
        this.factories = Map.copyOf(factories);
        Map<String, ProviderSettings> all = new LinkedHashMap<>();
        for (String kind : BUILT_IN) {
            if (factories.containsKey(kind)) all.put(kind, builtIn(kind, env, storedKeys));
        }
        config.providers().forEach((name, pc) -> all.put(name, configured(name, pc, env, storedKeys)));
        this.settings = java.util.Collections.unmodifiableMap(all);
    }

    /** Every {@link ProviderFactory} on the classpath of the given loader, by kind. */
    public static Map<String, ProviderFactory> discoverFactories(ClassLoader loader) {
        Map<String, ProviderFactory> found = new LinkedHashMap<>();
        for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class, loader)) found.putIfAbsent(f.kind(), f);
        return found;
    }

    private ProviderSettings builtIn(String kind, Map<String, String> env, Function<String, Optional<Secret>> stored) {
        Secret key = envKey(kind, env).or(() -> stored.apply(kind)).orElse(null);
        URI base = baseUrlFromEnv(kind, env);
        Map<String, Object> options = new HashMap<>();
        if (kind.equals("openai")) {
            putIfSet(options, "organization", env.get("OPENAI_ORG_ID"));
            putIfSet(options, "project", env.get("OPENAI_PROJECT_ID"));
        }
        return new ProviderSettings(kind, kind, base, key, Map.of(), null, null, options);
    }

    private static void putIfSet(Map<String, Object> options, String key, String value) {
        if (value != null && !value.isBlank()) options.put(key, value);
    }

    private static Optional<Secret> envKey(String kind, Map<String, String> env) {
        for (String var : KEY_VARS.getOrDefault(kind, List.of())) {
            Secret s = Secret.ofNullable(env.get(var));
            if (s != null) return Optional.of(s);
        }
        return Optional.empty();
    }

    private URI baseUrlFromEnv(String kind, Map<String, String> env) {
        if (kind.equals("ollama")) return ollamaHost(env.get("OLLAMA_HOST"));
        String var = BASE_URL_VARS.get(kind);
        String value = var == null ? null : env.get(var);
        return value == null || value.isBlank() ? null : URI.create(value.strip());
    }

    /** {@code OLLAMA_HOST} as Ollama reads it: {@code host}, {@code host:port}, {@code [v6]:port} or a URL. */
    static URI ollamaHost(String value) {
        return value == null || value.isBlank() ? null : OllamaProviderFactory.parseHost(value);
    }

    private ProviderSettings configured(String name, BatonConfig.ProviderConfig pc, Map<String, String> env,
                                        Function<String, Optional<Secret>> stored) {
        String kind = pc.kind() == null ? name : pc.kind();
        if (!factories.containsKey(kind)) {
            throw new ConfigException("provider '" + name + "': unknown kind '" + kind + "' (available: "
                    + String.join(", ", factories.keySet()) + ")");
        }
        Secret key = Secret.ofNullable(pc.apiKey());
        if (key == null && name.equals(kind)) key = envKey(kind, env).orElse(null);
        if (key == null) key = stored.apply(name).orElse(null);
        URI base;
        try {
            base = pc.baseUrl() == null || pc.baseUrl().isBlank() ? baseUrlFromEnv(kind, env)
                    : kind.equals("ollama") ? ollamaHost(pc.baseUrl()) : URI.create(pc.baseUrl().strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("provider '" + name + "': base_url is not a URL: " + e.getMessage());
        }
        Map<String, Object> options = new HashMap<>(pc.options() == null ? Map.of() : pc.options());
        putIfSet(options, "organization", pc.organization());
        putIfSet(options, "project", pc.project());
        return new ProviderSettings(name, kind, base, key, pc.headers(), seconds(pc.connectTimeoutSeconds()),
                seconds(pc.timeoutSeconds()), options);
    }

    static Duration seconds(Double s) {
        return s == null ? null : Duration.ofMillis((long) (s * 1000));
    }

    /**
     * The environment variables that give a provider of this kind its API key, as the official
     * SDKs read them; empty for kinds that need none (ollama, scripted) or find it otherwise (bedrock).
     */
    public static List<String> keyVariables(String kind) {
        return KEY_VARS.getOrDefault(kind, List.of());
    }

    public Optional<ProviderSettings> settings(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    public Map<String, ProviderSettings> all() {
        return settings;
    }

    public Optional<ProviderFactory> factory(String kind) {
        return Optional.ofNullable(factories.get(kind));
    }

    public Map<String, ProviderFactory> factories() {
        return factories;
    }
}
