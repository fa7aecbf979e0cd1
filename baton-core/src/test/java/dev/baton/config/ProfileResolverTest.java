package dev.baton.config;

import dev.baton.config.internal.ConfigLoader;
import dev.baton.config.internal.EnvExpander;
import dev.baton.secret.Secret;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import dev.baton.provider.anthropic.AnthropicProviderFactory;
import dev.baton.provider.gemini.GeminiProviderFactory;
import dev.baton.provider.ollama.OllamaProviderFactory;
import dev.baton.provider.openai.OpenAiProviderFactory;
import dev.baton.provider.scripted.ScriptedProviderFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileResolverTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A real factory's knowledge (variables, default model, hosting) with a probe that answers as told. */
    private record FakeFactory(ProviderFactory real, boolean reachable) implements ProviderFactory {
        @Override public String kind() { return real.kind(); }
        @Override public java.net.URI defaultBaseUrl() { return real.defaultBaseUrl(); }
        @Override public List<String> keyVariables() { return real.keyVariables(); }
        @Override public String baseUrlVariable() { return real.baseUrlVariable(); }
        @Override public Map<String, String> optionVariables() { return real.optionVariables(); }
        @Override public java.net.URI parseBaseUrl(String value) { return real.parseBaseUrl(value); }
        @Override public String defaultModel() { return real.defaultModel(); }
        @Override public Hosting hosting() { return real.hosting(); }

        @Override
        public ChatModel create(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public ProviderStatus probe(ProviderSettings settings, Duration timeout, ObjectMapper json) {
            return new ProviderStatus(settings.name(), kind(), reachable ? ProviderStatus.State.REACHABLE
                    : ProviderStatus.State.UNREACHABLE, "", reachable ? List.of("llama3.2:3b") : List.of());
        }
    }

    private static Map<String, ProviderFactory> factories(boolean ollamaUp) {
        Map<String, ProviderFactory> f = new LinkedHashMap<>();
        for (ProviderFactory real : List.of(new OpenAiProviderFactory(), new AnthropicProviderFactory(),
                new GeminiProviderFactory(), new ScriptedProviderFactory())) {
            f.put(real.kind(), new FakeFactory(real, false));
        }
        f.put("ollama", new FakeFactory(new OllamaProviderFactory(), ollamaUp));
        return f;
    }

    private static ProfileResolver resolver(BatonConfig config, Map<String, String> env, boolean ollamaUp) {
        return resolver(config, env, ollamaUp, name -> Optional.empty());
    }

    private static ProfileResolver resolver(BatonConfig config, Map<String, String> env, boolean ollamaUp,
                                            java.util.function.Function<String, Optional<Secret>> stored) {
        ProviderRegistry registry = new ProviderRegistry(config, env, stored, factories(ollamaUp));
        return new ProfileResolver(config, registry, ModelInfoSource.NONE, JSON);
    }

    private static BatonConfig yaml(String text) {
        return new ConfigLoader(EnvExpander.of(Map.of())).parse(text, Path.of("test.yaml"));
    }

    @Test
    void default_picks_openai_then_anthropic_then_gemini_then_ollama_then_offline() throws Exception {
        assertThat(resolver(BatonConfig.EMPTY, Map.of("OPENAI_API_KEY", "sk-1", "ANTHROPIC_API_KEY", "a"), true)
                .defaultProfile().modelRef()).isEqualTo("openai/gpt-4o-mini");
        assertThat(resolver(BatonConfig.EMPTY, Map.of("ANTHROPIC_API_KEY", "a", "GEMINI_API_KEY", "g"), true)
                .defaultProfile().provider().kind()).isEqualTo("anthropic");
        assertThat(resolver(BatonConfig.EMPTY, Map.of("GOOGLE_API_KEY", "g"), true)
                .defaultProfile().provider().kind()).isEqualTo("gemini");
        try (var listening = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String host = "127.0.0.1:" + listening.getLocalPort();
            assertThat(resolver(BatonConfig.EMPTY, Map.of("OLLAMA_HOST", host), true).defaultProfile().modelRef())
                    .isEqualTo("ollama/llama3.2:3b");
        }
        ResolvedProfile offline = resolver(BatonConfig.EMPTY, Map.of("OLLAMA_HOST", "127.0.0.1:1"), true).defaultProfile();
        assertThat(offline.modelRef()).isEqualTo("scripted/offline");
        assertThat(offline.origin()).contains("offline");
        assertThat(offline.name()).isEqualTo("default");
    }

    @Test
    void environment_key_wins_over_stored_key() {
        var withEnv = resolver(BatonConfig.EMPTY, Map.of("OPENAI_API_KEY", "sk-env-111111111"), false,
                n -> Optional.of(Secret.of("sk-stored-2222222")));
        assertThat(withEnv.resolve("openai/gpt-4o").provider().apiKey().reveal()).isEqualTo("sk-env-111111111");
        var storedOnly = resolver(BatonConfig.EMPTY, Map.of(), false, n -> Optional.of(Secret.of("sk-stored-2222222")));
        assertThat(storedOnly.resolve("openai/gpt-4o").provider().apiKey().reveal()).isEqualTo("sk-stored-2222222");
    }

    @Test
    void base_url_env_vars_and_ollama_host_are_honoured() {
        var r = resolver(BatonConfig.EMPTY, Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9/v1", "OLLAMA_HOST", "0.0.0.0"), false);
        assertThat(r.resolve("openai/x").provider().baseUrl()).hasToString("http://127.0.0.1:9/v1");
        assertThat(r.resolve("ollama/x").provider().baseUrl()).hasToString("http://127.0.0.1:11434");
        assertThat(new OllamaProviderFactory().parseBaseUrl("myhost:1234")).hasToString("http://myhost:1234");
        assertThat(new OllamaProviderFactory().parseBaseUrl("https://ollama.example")).satisfies(u -> assertThat(u.getHost()).isEqualTo("ollama.example"));
    }

    @Test
    void configured_profiles_aliases_and_default_profile() {
        var r = resolver(yaml("""
                default_profile: fast
                profiles:
                  fast: {provider: openai, model: gpt-4o-mini, temperature: 0.3, max_tokens: 99, system_prompt: hi,
                         prices: {input: 1.0, output: 2.0}, context_window: 1000}
                aliases: {quick: fast}
                """), Map.of(), false);

        ResolvedProfile p = r.resolve("quick");
        assertThat(p.name()).isEqualTo("fast");
        assertThat(p.temperature()).isEqualTo(0.3);
        assertThat(p.maxTokens()).isEqualTo(99);
        assertThat(p.info().contextWindow()).isEqualTo(1000);
        assertThat(p.info().prices().outputPerMillion()).isEqualByComparingTo("2.0");
        assertThat(r.defaultProfile().name()).isEqualTo("fast");
    }

    @Test
    void every_problem_is_reported_at_once_including_fallback_cycles() {
        assertThatThrownBy(() -> resolver(yaml("""
                profiles:
                  a: {provider: openai, model: m, fallback: [b]}
                  b: {provider: openai, model: m, fallback: [c]}
                  c: {provider: openai, model: m, fallback: [a]}
                  d: {provider: nowhere, model: m}
                  e: {provider: openai, model: m, fallback: [ghost]}
                aliases: {x: nothing}
                """), Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("a -> b -> c -> a")
                .hasMessageContaining("profile 'd': unknown provider 'nowhere'")
                .hasMessageContaining("fallback 'ghost'")
                .hasMessageContaining("alias 'x'");
    }

    @Test
    void an_unknown_profile_lists_the_known_ones() {
        assertThatThrownBy(() -> resolver(BatonConfig.EMPTY, Map.of(), false).resolve("nope"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown profile 'nope'")
                .hasMessageContaining("offline");
    }
}
