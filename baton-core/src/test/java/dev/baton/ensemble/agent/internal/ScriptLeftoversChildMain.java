package dev.baton.ensemble.agent.internal;

import dev.baton.ensemble.FakeModels;
import dev.baton.ensemble.Specs;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.run.EnsembleEngine;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@link ScriptLeftoversTest}: runs a script agent that starts background
 * children and waits, prints {@code READY} once every child's pid is written, then waits to be
 * killed. Arguments: the script record directory, the project directory, the pid file.
 */
public final class ScriptLeftoversChildMain {

    private ScriptLeftoversChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path records = Path.of(args[0]);
        Path project = Path.of(args[1]);
        Path pids = Path.of(args[2]);
        EnsembleEngine engine = new EnsembleEngine(EngineOptions.builder(new FakeModels()).projectDir(project)
                .userScriptsDir(null).scriptRecordDir(records).build());
        engine.start(Specs.yaml("name: k\nagents:\n  - {name: spawn, script: spawner.sh, timeout_seconds: 600}\n"), "x");
        while (!Files.exists(pids) || Files.readAllLines(pids).size() < 4) Thread.sleep(20);
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
