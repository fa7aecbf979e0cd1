package dev.baton.coordinator;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.config.ProviderRegistry;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.scripted.ScriptedChatModel;
import dev.baton.provider.scripted.ScriptedProviderFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A project in a temporary folder with a Baton over it whose providers are scripted models kept
 * by provider name, so a test reads every request a planner or tool model received.
 */
final class CoordinatorFixture implements AutoCloseable {

    final Path work;
    final Baton baton;
    private final Map<String, List<ScriptedChatModel>> models;

    private CoordinatorFixture(Path work, Baton baton, Map<String, List<ScriptedChatModel>> models) {
        this.work = work;
        this.baton = baton;
        this.models = models;
    }

    /** A project in {@code tmp/work} with {@code configYaml} as its config (providers of kind {@code rec} are recorded scripted ones). */
    static CoordinatorFixture of(Path tmp, String configYaml, List<CoordinatorTool> extraTools) throws IOException {
        Path work = tmp.resolve("work");
        Files.createDirectories(work.resolve(".baton"));
        Files.writeString(work.resolve(".baton/config.yaml"), configYaml);
        return over(tmp, work, extraTools);
    }

    static CoordinatorFixture over(Path tmp, Path work, List<CoordinatorTool> extraTools) {
        Map<String, List<ScriptedChatModel>> models = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(), "OLLAMA_HOST", "127.0.0.1:1");
        Map<String, ProviderFactory> factories = new HashMap<>(ProviderRegistry.discoverFactories(CoordinatorFixture.class.getClassLoader()));
        ScriptedProviderFactory scripted = new ScriptedProviderFactory();
        factories.put("rec", new ProviderFactory() {
            @Override
            public String kind() {
                return "rec";
            }

            @Override
            public ChatModel create(ProviderSettings settings, String model, @Nullable ModelInfo info, ObjectMapper json) {
                ScriptedChatModel m = (ScriptedChatModel) scripted.create(settings, model, info, json);
                models.computeIfAbsent(settings.name(), k -> new CopyOnWriteArrayList<>()).add(m);
                return m;
            }
        });
        Baton baton = Baton.builder(BatonPaths.discover(work, env), env).factories(factories)
                .database(tmp.resolve("baton.db")).coordinatorTools(extraTools).build();
        return new CoordinatorFixture(work, baton, models);
    }

    /** Every request the models of provider {@code name} received. */
    List<ChatRequest> requests(String provider) {
        return models.getOrDefault(provider, List.of()).stream().flatMap(m -> m.requests().stream()).toList();
    }

    @Override
    public void close() {
        baton.close();
    }
}
