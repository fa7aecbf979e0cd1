package dev.baton.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code baton init}: creates {@code .baton/} with a commented configuration and examples. */
@Command(name = "init", description = "Create .baton/ here with a commented config and examples (never overwrites).")
final class InitCommand implements Callable<Integer> {

    private static final String ROOT = "/dev/baton/cli/init/";
    /** Where a {@code TARGET = SOURCE} line's source is: the bundled library lives in baton-core, under {@code dev/baton/library/}. */
    private static final String SOURCES = "/dev/baton/";

    /** One file to create: its path under {@code .baton/} and the bundled resource it comes from. */
    record InitFile(String target, String resource) {
        static InitFile parse(String line) {
            int eq = line.indexOf('=');
            if (eq < 0) return new InitFile(line, ROOT + line);
            return new InitFile(line.substring(0, eq).strip(), SOURCES + line.substring(eq + 1).strip());
        }
    }
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "where to create .baton/ (default: the working directory)")
    Path dir;

    @Option(names = "--prompts", description = "also write the coordinator's prompt templates to .baton/prompts/ for editing")
    boolean prompts;

    InitCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path base = (dir == null ? env.workingDir() : env.workingDir().resolve(dir)).resolve(".baton");
        int created = 0;
        int kept = 0;
        for (InitFile file : files()) {
            String rel = file.target();
            Path target = base.resolve(rel);
            if (Files.exists(target)) {
                kept++;
                continue;
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = InitCommand.class.getResourceAsStream(file.resource())) {
                if (in == null) throw new IllegalStateException("missing bundled file " + file.resource());
                Path tmp = Files.createTempFile(target.getParent(), ".init-", ".tmp");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                if (rel.endsWith(".sh") || rel.endsWith(".py")) tmp.toFile().setExecutable(true);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            out.println("created " + env.workingDir().relativize(target));
            created++;
        }
        if (prompts) {
            Path promptDir = base.resolve("prompts");
            List<Path> written = dev.baton.coordinator.CoordinatorPrompts.write(promptDir, false);
            for (Path w : written) out.println("created " + env.workingDir().relativize(w));
            created += written.size();
            kept += dev.baton.coordinator.CoordinatorPrompts.bundled().size() - written.size();
        }
        Files.createDirectories(base.resolve("artifacts"));
        out.println(created + " file(s) created, " + kept + " kept as they were, in " + base);
        out.flush();
        return ExitCodes.OK;
    }

    /** The files init creates, from the bundled {@code init/files.txt}. */
    static List<InitFile> files() throws IOException {
        try (InputStream in = InitCommand.class.getResourceAsStream(ROOT + "files.txt")) {
            if (in == null) throw new IllegalStateException("missing bundled init/files.txt");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(InitFile::parse).toList();
        }
    }
}
