package dev.baton.config.internal;

import dev.baton.config.BatonConfig;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns llm-orc's {@code model_profiles} into Baton profiles and providers. llm-orc's provider
 * names map onto Baton's adapters: {@code ollama} → {@code ollama}, {@code anthropic-api} →
 * {@code anthropic}, {@code google-gemini} → {@code gemini}; {@code openai-compatible} and
 * {@code openai-compatible/NAME} become a provider of kind {@code openai} named as written, at the
 * profile's {@code base_url} (default {@code https://api.openai.com/v1}); {@code llama-server} the
 * same at {@code base_url}, else {@code $LLAMA_SERVER_URL}, else {@code http://127.0.0.1:8080/v1};
 * a model named {@code mock…} is llm-orc's test model and runs on Baton's offline
 * {@code scripted} one. Any other name is passed on as a Baton provider name (so
 * {@code provider: scripted} works). {@code cost_per_token} becomes the per-million input and output
 * price, {@code fallback_model_profile} the profile's {@code fallback}; {@code system_prompt},
 * {@code timeout_seconds}, {@code temperature}, {@code max_tokens} and {@code options} carry over.
 *
 * <p>Subscription logins ({@code claude-cli}, {@code anthropic-claude-pro-max} and the like) have no
 * Baton equivalent: such a profile is set aside as unusable, with a message naming it and its file,
 * so that only an ensemble that uses it fails. llm-orc's stored credentials are never read.
 */
final class LlmOrcProfileMapping {

    /** The profiles and providers of one llm-orc folder, and the profiles Baton cannot use with why. */
    record Mapped(BatonConfig config, Map<String, String> unusable, List<String> warnings) {
    }

    static final String DEFAULT_OPENAI_URL = "https://api.openai.com/v1";
    private static final Map<String, String> RENAMED = Map.of(
            "ollama", "ollama", "anthropic-api", "anthropic", "google-gemini", "gemini");
    private static final Set<String> SUBSCRIPTIONS = Set.of(
            "claude-cli", "anthropic-claude-pro-max", "claude-pro-max", "anthropic-oauth", "claude-code");
    private static final Set<String> KNOWN_KEYS = Set.of("name", "model", "provider", "cost_per_token",
            "system_prompt", "timeout_seconds", "fallback_model_profile", "base_url", "temperature", "max_tokens",
            "options", "description");

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final EnvExpander env;

    LlmOrcProfileMapping(EnvExpander env) {
        this.env = env;
    }

    Mapped map(List<LlmOrcProfileReader.Definition> definitions) {
        Map<String, BatonConfig.ProfileConfig> profiles = new LinkedHashMap<>();
        Map<String, BatonConfig.ProviderConfig> providers = new LinkedHashMap<>();
        Map<String, String> unusable = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (LlmOrcProfileReader.Definition d : definitions) {
            profiles.remove(d.name());
            unusable.remove(d.name());
            d.body().propertyNames().forEach(key -> {
                if (!KNOWN_KEYS.contains(key)) warnings.add(where(d) + ": profile '" + d.name() + "': key '" + key + "' is not read by Baton");
            });
            String problem = problem(d);
            if (problem != null) {
                unusable.put(d.name(), "profile '" + d.name() + "' (" + where(d) + "): " + problem);
                continue;
            }
            String provider = provider(d, providers);
            profiles.put(d.name(), profile(d, provider));
        }
        BatonConfig config = new BatonConfig(null, providers, profiles, null, null, null, null, null, null, null,
                null, null, null, null, null);
        return new Mapped(config, unusable, warnings);
    }

    private static String where(LlmOrcProfileReader.Definition d) {
        return d.file() + (d.line() > 0 ? ":" + d.line() : "");
    }

    /** Why Baton cannot use the profile, or null. */
    private static String problem(LlmOrcProfileReader.Definition d) {
        JsonNode b = d.body();
        if (!b.path("model").isString() || b.get("model").asString().isBlank()) return "'model' is required (a text)";
        if (isMock(b)) return null;
        if (!b.path("provider").isString() || b.get("provider").asString().isBlank()) {
            return "'provider' is required (a text)";
        }
        String provider = b.get("provider").asString();
        if (SUBSCRIPTIONS.contains(provider) || b.get("model").asString().equals("claude-cli")) {
            return "provider '" + provider + "' is a subscription login (Claude CLI / Pro-Max OAuth), which Baton"
                    + " cannot call; use 'anthropic-api' with an API key (ANTHROPIC_API_KEY or `baton auth add"
                    + " anthropic`), or define the profile again in .baton/config.yaml. Baton does not read"
                    + " llm-orc's stored credentials";
        }
        for (String number : List.of("cost_per_token", "timeout_seconds", "temperature")) {
            if (b.has(number) && !b.get(number).isNumber()) return "'" + number + "' must be a number";
        }
        if (b.has("max_tokens") && !b.get("max_tokens").isIntegralNumber()) return "'max_tokens' must be a whole number";
        for (String text : List.of("system_prompt", "fallback_model_profile", "base_url", "description")) {
            if (b.has(text) && !b.get(text).isNull() && !b.get(text).isString()) return "'" + text + "' must be a text";
        }
        if (b.has("options") && !b.get("options").isObject() && !b.get("options").isNull()) return "'options' must be a map";
        return null;
    }

    private static boolean isMock(JsonNode body) {
        return body.get("model").asString().startsWith("mock");
    }

    /** The Baton provider name of the profile, adding the provider it needs to {@code providers}. */
    private String provider(LlmOrcProfileReader.Definition d, Map<String, BatonConfig.ProviderConfig> providers) {
        JsonNode b = d.body();
        if (isMock(b)) return "scripted";
        String provider = b.get("provider").asString();
        String renamed = RENAMED.get(provider);
        if (renamed != null) return renamed;
        boolean compatible = provider.equals("openai-compatible") || provider.startsWith("openai-compatible/");
        if (!compatible && !provider.equals("llama-server")) return provider;
        String base = text(b, "base_url");
        if (base == null) {
            base = compatible ? DEFAULT_OPENAI_URL : env.expand("${LLAMA_SERVER_URL:-http://127.0.0.1:8080/v1}");
        }
        String name = provider;
        BatonConfig.ProviderConfig existing = providers.get(name);
        if (existing != null && !base.equals(existing.baseUrl())) name = provider + "@" + d.name();
        providers.put(name, new BatonConfig.ProviderConfig("openai", base, null, null, null, null, null, null, null));
        return name;
    }

    private static BatonConfig.ProfileConfig profile(LlmOrcProfileReader.Definition d, String provider) {
        JsonNode b = d.body();
        Double cost = b.has("cost_per_token") ? b.get("cost_per_token").asDouble() : null;
        BatonConfig.PricesConfig prices = cost == null ? null : new BatonConfig.PricesConfig(cost * 1e6, null, cost * 1e6);
        String fallback = text(b, "fallback_model_profile");
        @SuppressWarnings("unchecked")
        Map<String, Object> options = b.path("options").isObject()
                ? (Map<String, Object>) JSON.convertValue(b.get("options"), Map.class)
                : null;
        return new BatonConfig.ProfileConfig(provider, b.get("model").asString(),
                b.has("temperature") ? b.get("temperature").asDouble() : null,
                b.has("max_tokens") ? b.get("max_tokens").asInt() : null,
                b.has("timeout_seconds") ? b.get("timeout_seconds").asDouble() : null,
                text(b, "system_prompt"), options, prices, null, null,
                fallback == null ? List.of() : List.of(fallback), text(b, "description"));
    }

    private static String text(JsonNode b, String key) {
        JsonNode v = b.get(key);
        return v == null || v.isNull() ? null : v.asString();
    }
}
