package dev.baton.config;

import dev.baton.secret.Secret;

import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The providers Baton can reach: one per adapter factory found on the classpath, named after its
 * kind and set up from the environment variables the factory names (its key, base URL and option
 * variables), with the configured providers over them. Credentials come from the configuration,
 * then the environment, then the credential store. Nothing here knows a provider by name: what a
 * kind reads from the environment is the {@link ProviderFactory}'s to say.
 */
public final class ProviderRegistry {

    private final Map<String, ProviderFactory> factories;
    private final Map<String, ProviderSettings> settings;

    public ProviderRegistry(BatonConfig config, Map<String, String> env, Function<String, Optional<Secret>> storedKeys,
                            Map<String, ProviderFactory> factories) {
        this.factories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factories));
        Map<String, ProviderSettings> all = new LinkedHashMap<>();
        factories.forEach((kind, factory) -> all.put(kind, fromEnvironment(factory, env, storedKeys)));
        config.providers().forEach((name, pc) -> all.put(name, configured(name, pc, env, storedKeys)));
        this.settings = java.util.Collections.unmodifiableMap(all);
    }

    /** Every {@link ProviderFactory} on the classpath of the given loader, by kind, in discovery order. */
    public static Map<String, ProviderFactory> discoverFactories(ClassLoader loader) {
        Map<String, ProviderFactory> found = new LinkedHashMap<>();
        for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class, loader)) found.putIfAbsent(f.kind(), f);
        return found;
    }

    /** The provider named after the factory's kind, as its environment variables set it up. */
    private static ProviderSettings fromEnvironment(ProviderFactory factory, Map<String, String> env,
                                                    Function<String, Optional<Secret>> stored) {
        String kind = factory.kind();
        Secret key = envKey(factory, env).or(() -> stored.apply(kind)).orElse(null);
        URI base;
        try {
            base = baseUrlFromEnv(factory, env);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("environment variable " + factory.baseUrlVariable() + " is not a URL: "
                    + e.getMessage());
        }
        Map<String, Object> options = new HashMap<>();
        factory.optionVariables().forEach((option, var) -> putIfSet(options, option, env.get(var)));
        return new ProviderSettings(kind, kind, base, key, Map.of(), null, null, options);
    }

    private static void putIfSet(Map<String, Object> options, String key, String value) {
        if (value != null && !value.isBlank()) options.put(key, value);
    }

    private static Optional<Secret> envKey(ProviderFactory factory, Map<String, String> env) {
        for (String var : factory.keyVariables()) {
            Secret s = Secret.ofNullable(env.get(var));
            if (s != null) return Optional.of(s);
        }
        return Optional.empty();
    }

    private static URI baseUrlFromEnv(ProviderFactory factory, Map<String, String> env) {
        String var = factory.baseUrlVariable();
        String value = var == null ? null : env.get(var);
        return value == null || value.isBlank() ? null : factory.parseBaseUrl(value);
    }

    private ProviderSettings configured(String name, BatonConfig.ProviderConfig pc, Map<String, String> env,
                                        Function<String, Optional<Secret>> stored) {
        String kind = pc.kind() == null ? name : pc.kind();
        ProviderFactory factory = factories.get(kind);
        if (factory == null) {
            throw new ConfigException("provider '" + name + "': unknown kind '" + kind + "' (available: "
                    + String.join(", ", factories.keySet()) + ")");
        }
        Secret key = Secret.ofNullable(pc.apiKey());
        if (key == null && name.equals(kind)) key = envKey(factory, env).orElse(null);
        if (key == null) key = stored.apply(name).orElse(null);
        URI base;
        try {
            base = pc.baseUrl() == null || pc.baseUrl().isBlank() ? baseUrlFromEnv(factory, env)
                    : factory.parseBaseUrl(pc.baseUrl());
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
