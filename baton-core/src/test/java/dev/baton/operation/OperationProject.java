package dev.baton.operation;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.config.ProviderRegistry;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.scripted.ScriptedChatModel;
import dev.baton.provider.scripted.ScriptedScript;
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
 * A project folder for operation tests: a config with profile {@code fast} on a recording
 * scripted provider that answers with the given replies in order, and helpers to write
 * definition files and ensembles.
 */
final class OperationProject {

    final Path work;
    private final Path home;
    private final List<ScriptedChatModel> models = new CopyOnWriteArrayList<>();
    private final List<String> replies = new CopyOnWriteArrayList<>();

    OperationProject(Path tmp) throws IOException {
        this.work = tmp.resolve("work");
        this.home = tmp.resolve("home");
        Files.createDirectories(work.resolve(".baton/operations"));
        Files.createDirectories(work.resolve(".baton/ensembles"));
        Files.writeString(work.resolve(".baton/config.yaml"), """
                providers:
                  rec: {kind: recording}
                profiles:
                  fast: {provider: rec, model: m}
                """);
    }

    OperationProject replies(String... texts) {
        replies.addAll(List.of(texts));
        return this;
    }

    OperationProject file(String relative, String text) throws IOException {
        Path f = work.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return this;
    }

    Baton.Builder builder() {
        Map<String, String> env = Map.of("HOME", home.toString(), "BATON_CONFIG_HOME", home.resolve(".config/baton").toString(),
                "BATON_DATA_HOME", home.resolve(".local/share/baton").toString(), "OLLAMA_HOST", "127.0.0.1:1");
        Map<String, ProviderFactory> factories = new HashMap<>(ProviderRegistry.discoverFactories(getClass().getClassLoader()));
        factories.put("recording", new Recording());
        return Baton.builder(BatonPaths.discover(work, env), env).factories(factories).database(home.resolve("baton.db"));
    }

    Baton open() {
        return builder().build();
    }

    List<ChatRequest> requests() {
        return models.stream().flatMap(m -> m.requests().stream()).toList();
    }

    /** The scripted kind answering with {@link #replies}, each model kept for its requests. */
    private final class Recording implements ProviderFactory {
        @Override
        public String kind() {
            return "recording";
        }

        @Override
        public ChatModel create(ProviderSettings settings, String model, @Nullable ModelInfo info, ObjectMapper json) {
            ScriptedScript.Builder script = ScriptedScript.builder();
            replies.forEach(script::replyText);
            ScriptedChatModel m = ScriptedChatModel.fromScript(script.build(), model);
            models.add(m);
            return m;
        }
    }
}
