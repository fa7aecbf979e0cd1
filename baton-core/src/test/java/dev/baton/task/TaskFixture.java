package dev.baton.task;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.config.ProviderRegistry;
import dev.baton.provider.ProviderFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A workspace with the ensembles the task tests submit, and a Baton over it whose task queue is on {@code store}. */
final class TaskFixture {

    final CountingProvider provider = new CountingProvider();
    final Path work;
    final Map<String, String> env;

    /** {@code storeYaml}: the {@code store:} block of the configuration (empty: the default SQLite store). */
    TaskFixture(Path tmp, String storeYaml) throws IOException {
        work = tmp.resolve("work");
        Files.createDirectories(work.resolve(".baton/ensembles"));
        Files.writeString(work.resolve(".baton/config.yaml"), """
                providers:
                  counting: {kind: counting}
                profiles:
                  a: {provider: counting, model: a}
                  b: {provider: counting, model: b}
                  slow: {provider: counting, model: slow-800}
                  stuck: {provider: counting, model: slow-30000}
                  bad: {provider: counting, model: bad}
                """ + storeYaml);
        ensemble("one", "  - {name: only, model_profile: a}\n");
        ensemble("two", "  - {name: first, model_profile: b}\n");
        ensemble("chain", """
                  - {name: first, model_profile: a}
                  - {name: second, model_profile: slow, depends_on: [first]}
                """);
        ensemble("stuck", "  - {name: only, model_profile: stuck}\n");
        ensemble("bad", "  - {name: only, model_profile: bad}\n");
        env = Map.of("HOME", tmp.resolve("home").toString(), "OLLAMA_HOST", "127.0.0.1:1");
    }

    private void ensemble(String name, String agents) throws IOException {
        Files.writeString(work.resolve(".baton/ensembles/" + name + ".yaml"), "name: " + name + "\nagents:\n" + agents);
    }

    Baton baton() {
        Map<String, ProviderFactory> factories = new HashMap<>(ProviderRegistry.discoverFactories(getClass().getClassLoader()));
        factories.put("counting", provider);
        return Baton.builder(BatonPaths.discover(work, env), env).factories(factories)
                .build();
    }

    static void await(Duration max, String what, BooleanSupplier condition) {
        Instant end = Instant.now().plus(max);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) throw new AssertionError("timed out after " + max + " waiting for " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
