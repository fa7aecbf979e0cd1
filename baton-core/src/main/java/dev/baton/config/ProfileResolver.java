package dev.baton.config;

import dev.baton.llm.Capability;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Prices;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns profile names, aliases and {@code provider/model} references into
 * {@link ResolvedProfile}s. The built-in {@code default} profile is the configured one if any,
 * else the first available of a hosted provider whose API key is set (OpenAI, Anthropic, Gemini,
 * then plug-ins), a local server that answers (Ollama), and the offline scripted model; what each
 * kind is comes from its {@link ProviderFactory}. {@code offline} always names the scripted model.
 */
public final class ProfileResolver {

    public static final String DEFAULT = "default";
    public static final String OFFLINE = "offline";
    private static final int FALLBACK_CONTEXT_WINDOW = 128_000;
    private static final int FALLBACK_MAX_OUTPUT = 4_096;

    private final BatonConfig config;
    private final ConfigSources sources;
    /** Profiles from llm-orc's files that Baton cannot use, with why: an error only when one is used. */
    private final Map<String, String> unusable;
    private final ProviderRegistry providers;
    private final ModelInfoSource infos;
    private final ObjectMapper json;
    private final Duration defaultTimeout;
    private volatile ResolvedProfile autoDefault;

    public ProfileResolver(BatonConfig config, ProviderRegistry providers, ModelInfoSource infos, ObjectMapper json) {
        this(config, ConfigSources.NONE, providers, infos, json);
    }

    /**
     * @param sources where each profile was defined; a profile from llm-orc's files that names a
     *                provider Baton does not have, or whose fallback is unusable, is set aside as
     *                unusable (an error when it is used) rather than failing the whole configuration
     */
    public ProfileResolver(BatonConfig config, ConfigSources sources, ProviderRegistry providers, ModelInfoSource infos,
                           ObjectMapper json) {
        this.sources = sources;
        this.providers = providers;
        Map<String, String> setAside = new LinkedHashMap<>(sources.unusable());
        this.config = withoutUnusableLlmOrcProfiles(config, setAside);
        this.unusable = java.util.Collections.unmodifiableMap(setAside);
        this.infos = infos;
        this.json = json;
        this.defaultTimeout = config.defaults() == null || config.defaults().timeoutSeconds() == null
                ? Duration.ofSeconds(60) : ProviderRegistry.seconds(config.defaults().timeoutSeconds());
        validate();
    }

    /**
     * {@code config} without the llm-orc profiles whose provider Baton does not have, or whose
     * fallback is not usable, each added to {@code setAside} with its file and line; repeated until
     * nothing changes, since setting one aside may leave another's fallback dangling.
     */
    private BatonConfig withoutUnusableLlmOrcProfiles(BatonConfig config, Map<String, String> setAside) {
        BatonConfig current = config;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var e : current.profiles().entrySet()) {
                var origin = sources.origin(e.getKey());
                if (origin.isEmpty() || !origin.get().tier().startsWith("llm-orc")) continue;
                String why = llmOrcProblem(current, e.getValue(), setAside);
                if (why == null) continue;
                setAside.put(e.getKey(), "profile '" + e.getKey() + "' (" + origin.get().location() + "): " + why);
                current = current.withoutProfiles(List.of(e.getKey()));
                changed = true;
                break;
            }
        }
        return current;
    }

    private String llmOrcProblem(BatonConfig current, BatonConfig.ProfileConfig p, Map<String, String> setAside) {
        if (providers.settings(p.provider()).isEmpty()) {
            return "provider '" + p.provider() + "' is neither one of llm-orc's that Baton maps (ollama, anthropic-api,"
                    + " google-gemini, openai-compatible, llama-server) nor a Baton provider (" + String.join(", ",
                    providers.all().keySet()) + ")";
        }
        for (String fb : p.fallback()) {
            boolean known = current.profiles().containsKey(fb) || current.aliases().containsKey(fb)
                    || fb.equals(DEFAULT) || fb.equals(OFFLINE);
            if (!known) {
                return "fallback_model_profile '" + fb + "' is " + (setAside.containsKey(fb) ? "unusable" : "not a profile");
            }
        }
        return null;
    }

    /** The profiles of llm-orc's files that Baton cannot use, by name, each with a message naming its file and why. */
    public Map<String, String> unusable() {
        return unusable;
    }

    /** The configuration profiles resolve from: the one given, with the unusable llm-orc profiles set aside. */
    public BatonConfig config() {
        return config;
    }

    /** Where each profile was defined. */
    public ConfigSources sources() {
        return sources;
    }

    private ConfigException unusableProfile(String name) {
        return ConfigException.withSuggestion(unusable.get(name),
                "Define a profile of that name in .baton/config.yaml (it wins over .llm-orc/), or run with -p offline.");
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
            if (unusable.containsKey(current)) throw unusableProfile(current);
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
        if (unusable.containsKey(name)) throw unusableProfile(name);
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
        String model = p.model() == null ? defaultModel(ps) : p.model();
        ModelInfo info = info(ps, model, p);
        Duration timeout = p.timeoutSeconds() != null ? ProviderRegistry.seconds(p.timeoutSeconds()) : defaultTimeout;
        return new ResolvedProfile(name, ps, model, info, p.temperature(), p.maxTokens(), timeout, p.systemPrompt(),
                p.options(), p.fallback(), sources.origin(name).map(ConfigSources.ProfileDefinition::location).orElse("config"));
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
        ProviderFactory factory = factory(ps);
        Set<Capability> caps = base != null ? base.capabilities() : factory.defaultCapabilities();
        Prices prices = base == null ? (factory.hosting().free() ? Prices.FREE : null) : base.prices();
        if (p != null && p.prices() != null) prices = overridePrices(prices, p.prices());
        return new ModelInfo(ps.name(), model, window, maxOut, caps, prices);
    }

    private ProviderFactory factory(ProviderSettings ps) {
        return providers.factory(ps.kind()).orElseThrow(() ->
                new ConfigException("provider '" + ps.name() + "': no adapter for kind '" + ps.kind() + "' on the classpath"));
    }

    private String defaultModel(ProviderSettings ps) {
        return providers.factory(ps.kind()).map(ProviderFactory::defaultModel).orElse(null);
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

    /**
     * The first of: a hosted provider whose key is set (in factory discovery order, Baton's own
     * before plug-ins on the normal classpath), with the factory's default model; a local provider
     * that answers, with its first model; the offline model.
     */
    private ResolvedProfile pickDefault() {
        for (ProviderFactory f : providers.factories().values()) {
            var ps = providers.settings(f.kind());
            if (f.hosting() == ProviderFactory.Hosting.REMOTE && f.defaultModel() != null && !f.keyVariables().isEmpty()
                    && ps.isPresent() && ps.get().apiKey() != null) {
                return rename(adHoc(f.kind() + "/" + f.defaultModel(), f.kind(), f.defaultModel(),
                        "auto: " + f.kind() + " API key is set"));
            }
        }
        for (ProviderFactory f : providers.factories().values()) {
            var ps = providers.settings(f.kind());
            if (f.hosting() != ProviderFactory.Hosting.LOCAL || ps.isEmpty()) continue;
            java.net.URI base = ps.get().baseUrl() != null ? ps.get().baseUrl() : f.defaultBaseUrl();
            if (base == null || !listening(base)) continue;
            ProviderStatus status = f.probe(ps.get(), Duration.ofMillis(400), json);
            if (status.state() == ProviderStatus.State.REACHABLE && !status.models().isEmpty()) {
                String model = status.models().get(0);
                return rename(adHoc(f.kind() + "/" + model, f.kind(), model, "auto: a local " + f.kind() + " answered"));
            }
        }
        return rename(adHoc(OFFLINE, "scripted", "offline",
                "auto: no API key set and no local model server, so the offline scripted model"));
    }

    /**
     * Whether something accepts TCP connections at the URL's host and port: a cheap check before an
     * HTTP probe, which costs an HTTP client's start-up even when nothing listens.
     */
    private static boolean listening(java.net.URI uri) {
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
