package dev.baton.config;

import dev.baton.llm.Capability;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Prices;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns profile names, aliases and {@code provider/model} references into
 * {@link ResolvedProfile}s. The built-in {@code default} profile is the configured one if any,
 * else the first available of OpenAI, Anthropic, Gemini (by API key), a local Ollama that
 * answers, and the offline scripted model. {@code offline} always names the scripted model.
 */
public final class ProfileResolver {

    public static final String DEFAULT = "default";
    public static final String OFFLINE = "offline";
    private static final Map<String, String> DEFAULT_MODELS = Map.of(
            "openai", "gpt-4o-mini", "anthropic", "claude-haiku-4-5", "gemini", "gemini-2.5-flash");
    private static final int FALLBACK_CONTEXT_WINDOW = 128_000;
    private static final int FALLBACK_MAX_OUTPUT = 4_096;

    private final BatonConfig config;
    private final ProviderRegistry providers;
    private final ModelInfoSource infos;
    private final ObjectMapper json;
    private final Duration defaultTimeout;
    private volatile ResolvedProfile autoDefault;

    public ProfileResolver(BatonConfig config, ProviderRegistry providers, ModelInfoSource infos, ObjectMapper json) {
        this.config = config;
        this.providers = providers;
        this.infos = infos;
        this.json = json;
        this.defaultTimeout = config.defaults() == null || config.defaults().timeoutSeconds() == null
                ? Duration.ofSeconds(60) : ProviderRegistry.seconds(config.defaults().timeoutSeconds());
        validate();
    }

    /** Every problem of the profiles, aliases and fallbacks, reported at once. */
    private void validate() {
        List<String> problems = new ArrayList<>();
        config.profiles().forEach((name, p) -> {
            if (p.provider() == null) problems.add("profile '" + name + "': 'provider' is required");
            else if (providers.settings(p.provider()).isEmpty()) {
                problems.add("profile '" + name + "': unknown provider '" + p.provider() + "' (known: "
                        + String.join(", ", providers.all().keySet()) + ")");
            }
            if (p.model() == null && !"scripted".equals(p.provider())) {
                problems.add("profile '" + name + "': 'model' is required");
            }
            for (String fb : p.fallback()) {
                if (!isKnown(fb)) problems.add("profile '" + name + "': fallback '" + fb + "' is not a profile");
            }
        });
        config.aliases().forEach((alias, target) -> {
            if (!isKnown(target) && !target.contains("/")) {
                problems.add("alias '" + alias + "': target '" + target + "' is not a profile");
            }
        });
        config.routing().forEach((task, chain) -> chain.forEach(p -> {
            if (!isKnown(p)) problems.add("routing '" + task + "': '" + p + "' is not a profile");
        }));
        FallbackCycles.find(config.profiles()).ifPresent(cycle -> problems.add("fallback cycle: " + cycle));
        if (!problems.isEmpty()) {
            throw new ConfigException("configuration has " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems));
        }
    }

    private boolean isKnown(String name) {
        return config.profiles().containsKey(name) || config.aliases().containsKey(name)
                || name.equals(DEFAULT) || name.equals(OFFLINE);
    }

    /** Names of the configured profiles plus the built-in ones. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(config.profiles().keySet());
        names.add(DEFAULT);
        names.add(OFFLINE);
        return names;
    }

    public boolean exists(String name) {
        return isKnown(name) || name.contains("/");
    }

    /**
     * The name {@code name} stands for once aliases are followed: a configured profile,
     * {@code default}, {@code offline} or a {@code provider/model}. Resolves nothing else.
     *
     * @throws ConfigException for an unknown name or an alias chain that does not end
     */
    public String target(String name) {
        String current = name;
        for (int depth = 0; depth <= 10; depth++) {
            if (config.profiles().containsKey(current)) return current;
            String alias = config.aliases().get(current);
            if (alias == null) {
                if (current.equals(DEFAULT) || current.equals(OFFLINE) || current.indexOf('/') > 0) return current;
                throw new ConfigException("unknown profile '" + current + "' (known: " + String.join(", ", names()) + ")");
            }
            current = alias;
        }
        throw new ConfigException("alias chain too long at '" + name + "'");
    }

    /** A profile by name, alias, or {@code provider/model}. */
    public ResolvedProfile resolve(String name) {
        return resolve(name, 0);
    }

    private ResolvedProfile resolve(String name, int depth) {
        if (depth > 10) throw new ConfigException("alias chain too long at '" + name + "'");
        BatonConfig.ProfileConfig p = config.profiles().get(name);
        if (p != null) return fromConfig(name, p);
        String alias = config.aliases().get(name);
        if (alias != null) return resolve(alias, depth + 1);
        if (name.equals(DEFAULT)) return defaultProfile();
        if (name.equals(OFFLINE)) return adHoc(OFFLINE, "scripted", "offline", "built in: offline scripted model");
        int slash = name.indexOf('/');
        if (slash > 0) return adHoc(name, name.substring(0, slash), name.substring(slash + 1), "command line");
        throw new ConfigException("unknown profile '" + name + "' (known: " + String.join(", ", names()) + ")");
    }

    private ResolvedProfile fromConfig(String name, BatonConfig.ProfileConfig p) {
        ProviderSettings ps = providers.settings(p.provider()).orElseThrow();
        String model = p.model() == null ? "offline" : p.model();
        ModelInfo info = info(ps, model, p);
        Duration timeout = p.timeoutSeconds() != null ? ProviderRegistry.seconds(p.timeoutSeconds()) : defaultTimeout;
        return new ResolvedProfile(name, ps, model, info, p.temperature(), p.maxTokens(), timeout, p.systemPrompt(),
                p.options(), p.fallback(), "config");
    }

    private ResolvedProfile adHoc(String name, String provider, String model, String origin) {
        ProviderSettings ps = providers.settings(provider).orElseThrow(() -> new ConfigException(
                "unknown provider '" + provider + "' (known: " + String.join(", ", providers.all().keySet()) + ")"));
        return new ResolvedProfile(name, ps, model, info(ps, model, null), null, null, defaultTimeout, null,
                Map.of(), List.of(), origin);
    }

    private ModelInfo info(ProviderSettings ps, String model, BatonConfig.ProfileConfig p) {
        ModelInfo base = infos.find(ps.kind(), model).orElse(null);
        int window = p != null && p.contextWindow() != null ? p.contextWindow()
                : base != null ? base.contextWindow() : FALLBACK_CONTEXT_WINDOW;
        int maxOut = p != null && p.maxOutputTokens() != null ? p.maxOutputTokens()
                : base != null ? base.maxOutputTokens() : FALLBACK_MAX_OUTPUT;
        Set<Capability> caps = base != null ? base.capabilities()
                : ps.kind().equals("scripted") ? EnumSet.allOf(Capability.class) : EnumSet.of(Capability.STREAMING);
        Prices prices = base == null ? (ps.kind().equals("scripted") || ps.kind().equals("ollama") ? Prices.FREE : null)
                : base.prices();
        if (p != null && p.prices() != null) prices = overridePrices(prices, p.prices());
        return new ModelInfo(ps.name(), model, window, maxOut, caps, prices);
    }

    private static Prices overridePrices(Prices base, BatonConfig.PricesConfig over) {
        BigDecimal in = over.input() != null ? BigDecimal.valueOf(over.input()) : base == null ? BigDecimal.ZERO : base.inputPerMillion();
        BigDecimal out = over.output() != null ? BigDecimal.valueOf(over.output()) : base == null ? BigDecimal.ZERO : base.outputPerMillion();
        BigDecimal cached = over.cachedInput() != null ? BigDecimal.valueOf(over.cachedInput())
                : base == null ? null : base.cachedInputPerMillion();
        return new Prices(in, cached, out);
    }

    /** The profile {@code default} stands for, picked once. */
    public ResolvedProfile defaultProfile() {
        if (config.defaultProfile() != null) return resolve(config.defaultProfile());
        ResolvedProfile picked = autoDefault;
        if (picked == null) {
            picked = pickDefault();
            autoDefault = picked;
        }
        return picked;
    }

    private ResolvedProfile pickDefault() {
        for (String kind : List.of("openai", "anthropic", "gemini")) {
            var ps = providers.settings(kind);
            if (ps.isPresent() && ps.get().apiKey() != null) {
                return rename(adHoc(kind + "/" + DEFAULT_MODELS.get(kind), kind, DEFAULT_MODELS.get(kind),
                        "auto: " + kind + " API key is set"));
            }
        }
        var ollama = providers.settings("ollama");
        var factory = providers.factory("ollama");
        if (ollama.isPresent() && factory.isPresent() && listening(ollama.get().baseUrl())) {
            ProviderStatus status = factory.get().probe(ollama.get(), Duration.ofMillis(400), json);
            if (status.state() == ProviderStatus.State.REACHABLE && !status.models().isEmpty()) {
                String model = status.models().get(0);
                return rename(adHoc("ollama/" + model, "ollama", model, "auto: a local Ollama answered"));
            }
        }
        return rename(adHoc(OFFLINE, "scripted", "offline",
                "auto: no API key set and no local Ollama, so the offline scripted model"));
    }

    /**
     * Whether something accepts TCP connections at the URL's host and port: a cheap check before an
     * HTTP probe, which costs an HTTP client's start-up even when nothing listens.
     */
    private static boolean listening(java.net.URI base) {
        java.net.URI uri = base == null ? java.net.URI.create("http://127.0.0.1:11434") : base;
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(uri.getHost(), port), 300);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static ResolvedProfile rename(ResolvedProfile p) {
        return new ResolvedProfile(DEFAULT, p.provider(), p.model(), p.info(), p.temperature(), p.maxTokens(),
                p.timeout(), p.systemPrompt(), p.options(), p.fallback(), p.origin());
    }

    /** Configured profiles, resolved, in file order. */
    public Map<String, ResolvedProfile> configured() {
        Map<String, ResolvedProfile> out = new LinkedHashMap<>();
        config.profiles().forEach((name, p) -> out.put(name, fromConfig(name, p)));
        return out;
    }
}
