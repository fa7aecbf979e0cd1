package dev.baton.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary project for ensemble CLI tests: writes ensembles and config under {@code work/.baton}. */
final class EnsembleProject {

    final CliHarness cli;
    final Path root;

    EnsembleProject(Path tmp) {
        this.root = tmp;
        this.cli = new CliHarness(tmp);
        try {
            Files.createDirectories(ensembles());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path work() {
        return cli.workDir();
    }

    Path ensembles() {
        return cli.workDir().resolve(".baton/ensembles");
    }

    Path artifacts() {
        return cli.workDir().resolve(".baton/artifacts");
    }

    Path database() {
        return root.resolve("home/.local/share/baton/baton.db");
    }

    EnsembleProject ensemble(String name, String yaml) {
        return write(ensembles().resolve(name + ".yaml"), yaml);
    }

    EnsembleProject config(String yaml) {
        return write(cli.workDir().resolve(".baton/config.yaml"), yaml);
    }

    EnsembleProject write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    CliHarness.Result run(String... args) {
        return cli.run(args);
    }

    CliHarness.Result runWithStdin(String stdin, String... args) {
        return cli.runWithStdin(stdin, args);
    }
}
