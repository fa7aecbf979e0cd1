package dev.baton.ensemble.run;

import dev.baton.tool.Tools;
import org.jspecify.annotations.Nullable;

import dev.baton.ensemble.agent.AgentRunner;
import dev.baton.ensemble.agent.internal.ScriptLeftovers;
import dev.baton.ensemble.load.EnsembleCatalog;
import dev.baton.ensemble.load.EnsembleValidator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link EnsembleEngine} runs ensembles: where models come from (required), where child
 * ensembles and scripts are found, the default per-agent timeout (used when neither the agent
 * nor its profile sets one; null means 60 s), the nesting limit, the listeners every run gets,
 * script output caps, and where running scripts are recorded so that a later engine can reap
 * what a killed JVM left behind (null: not recorded; see {@code ScriptLeftovers}), and the agent
 * runners registered on top of the built-in ones (see {@link AgentRunner}), and the tool service
 * LLM agents with {@code tools:} use (null: none; such an agent then fails with
 * {@code CONFIGURATION}), and the telemetry runs are traced with (null: none).
 */
public record EngineOptions(AgentModels models, EnsembleCatalog catalog, Path projectDir, Path userScriptsDir,
                            Duration defaultTimeout, int maxDepth, List<RunListener> listeners, int maxStdoutBytes,
                            int stderrTailBytes, Clock clock, Path scriptRecordDir, List<AgentRunner> runners,
                            @Nullable Tools tools, dev.baton.observe.@Nullable Telemetry telemetry) {

    public static final Duration FALLBACK_TIMEOUT = Duration.ofSeconds(60);

    public EngineOptions {
        Objects.requireNonNull(models, "models");
        catalog = catalog == null ? EnsembleCatalog.empty() : catalog;
        projectDir = (projectDir == null ? Path.of("") : projectDir).toAbsolutePath().normalize();
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
        runners = runners == null ? List.of() : List.copyOf(runners);
        clock = clock == null ? Clock.systemUTC() : clock;
        telemetry = telemetry == null ? dev.baton.observe.Telemetry.off() : telemetry;
    }

    public static Builder builder(AgentModels models) {
        return new Builder(models);
    }

    /** The per-agent timeout used when neither the agent nor its profile sets one. */
    public Duration effectiveDefaultTimeout() {
        return defaultTimeout == null ? FALLBACK_TIMEOUT : defaultTimeout;
    }

    public Builder toBuilder() {
        Builder b = new Builder(models);
        b.catalog = catalog; b.projectDir = projectDir; b.userScriptsDir = userScriptsDir;
        b.defaultTimeout = defaultTimeout; b.maxDepth = maxDepth; b.listeners.addAll(listeners);
        b.maxStdoutBytes = maxStdoutBytes; b.stderrTailBytes = stderrTailBytes; b.clock = clock;
        b.scriptRecordDir = scriptRecordDir; b.runners.addAll(runners); b.tools = tools;
        b.telemetry = telemetry;
        return b;
    }

    /** Builder for {@link EngineOptions}. */
    public static final class Builder {
        private AgentModels models;
        private EnsembleCatalog catalog;
        private Path projectDir;
        private Path userScriptsDir = defaultUserScripts();
        private Duration defaultTimeout;
        private int maxDepth = EnsembleValidator.DEFAULT_MAX_DEPTH;
        private final List<RunListener> listeners = new ArrayList<>();
        private int maxStdoutBytes = 1 << 20;
        private int stderrTailBytes = 64 << 10;
        private Clock clock;
        private Path scriptRecordDir;
        private final List<AgentRunner> runners = new ArrayList<>();
        private Tools tools;
        private dev.baton.observe.Telemetry telemetry;

        private Builder(AgentModels models) {
            this.models = models;
        }

        public Builder models(AgentModels value) { this.models = value; return this; }
        public Builder catalog(EnsembleCatalog value) { this.catalog = value; return this; }
        public Builder projectDir(Path value) { this.projectDir = value; return this; }
        /** The user tier for scripts; null disables it. Default {@code ~/.config/baton/scripts}. */
        public Builder userScriptsDir(Path value) { this.userScriptsDir = value; return this; }
        public Builder defaultTimeout(Duration value) { this.defaultTimeout = value; return this; }
        public Builder maxDepth(int value) { this.maxDepth = value; return this; }
        public Builder listener(RunListener value) { this.listeners.add(value); return this; }
        public Builder maxStdoutBytes(int value) { this.maxStdoutBytes = value; return this; }
        public Builder stderrTailBytes(int value) { this.stderrTailBytes = value; return this; }
        public Builder clock(Clock value) { this.clock = value; return this; }
        /** Where running scripts are recorded for reaping after a crash; null (default) records nothing. */
        public Builder scriptRecordDir(Path value) { this.scriptRecordDir = value; return this; }

        /**
         * Registers a runner for agents of its {@link AgentRunner#kind()}: a custom kind, or a
         * built-in one ({@code llm}, {@code script}, {@code ensemble}, {@code loop}) it replaces.
         * Of two runners of one kind, the later wins.
         */
        public Builder runner(AgentRunner value) { this.runners.add(java.util.Objects.requireNonNull(value, "runner")); return this; }

        /** The tools LLM agents with {@code tools:} run: registry, configuration's permissions, sandbox, audit. */
        public Builder tools(Tools value) { this.tools = value; return this; }

        /** Traces runs and agents with this telemetry (default: off). */
        public Builder telemetry(dev.baton.observe.Telemetry value) { this.telemetry = value; return this; }

        public EngineOptions build() {
            return new EngineOptions(models, catalog, projectDir, userScriptsDir, defaultTimeout, maxDepth, listeners,
                    maxStdoutBytes, stderrTailBytes, clock, scriptRecordDir, runners, tools, telemetry);
        }

        private static Path defaultUserScripts() {
            String home = System.getProperty("user.home");
            return home == null ? null : Path.of(home, ".config", "baton", "scripts");
        }
    }
}
