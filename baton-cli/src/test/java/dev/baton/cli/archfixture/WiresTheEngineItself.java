package dev.baton.cli.archfixture;

import dev.baton.ensemble.run.AgentModels;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.run.EnsembleEngine;
import dev.baton.ensemble.load.EnsembleLoader;
import dev.baton.ensemble.load.EnsembleParser;
import dev.baton.ensemble.load.EnsembleValidator;
import dev.baton.ensemble.service.internal.WorkspaceEnsembles;

/**
 * What a face must not do, kept only so that {@code CliArchitectureTest} can show its rules catch
 * it: build the engine and a loader itself and reach into an internal package. Never run.
 */
public final class WiresTheEngineItself {

    private WiresTheEngineItself() {
    }

    static EnsembleEngine engine(AgentModels models) {
        return new EnsembleEngine(EngineOptions.builder(models).build());
    }

    static EnsembleLoader loader() {
        return new EnsembleLoader(new EnsembleParser(), new EnsembleValidator(EnsembleValidator.Options.defaults()));
    }

    static Class<?> internal() {
        return WorkspaceEnsembles.class;
    }
}
