package dev.baton.cli;

import dev.baton.catalog.ModelCatalog;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.Set;

/**
 * Start-up on two cores: while the main thread reads the command line (picocli), a daemon thread
 * initialises what opening a {@code Baton} needs next — Jackson's JSON and YAML machinery, the
 * bundled model catalog and logging — so the main thread finds those classes initialised and the catalog
 * read. Only for commands that open a {@code Baton}; failures are left for the main thread to
 * meet and report.
 */
final class StartupWarmup {

    /** First arguments that never open a Baton: warming up would only compete for the CPU. */
    private static final Set<String> LIGHT = Set.of("--version", "-V", "--help", "-h", "help", "completion", "init");

    private StartupWarmup() {
    }

    /** Starts the warm-up unless {@code args} name a command that does not need it. */
    static void startFor(String[] args) {
        if (args.length == 0 || LIGHT.contains(args[0])) return;
        Thread t = new Thread(StartupWarmup::run, "baton-warmup");
        t.setDaemon(true);
        t.start();
    }

    static void run() {
        try {
            JsonMapper.builder().build().readTree("{\"warm\":[1,2.5,true,null]}");
            YAMLMapper.builder().build().readTree("warm: [1, {a: b}]\n");
            ModelCatalog.preload();
            org.slf4j.LoggerFactory.getILoggerFactory(); // logging's set-up, else paid by the first class with a logger
        } catch (RuntimeException | LinkageError ignored) {
            // the main thread does the same work and reports what goes wrong there
        }
    }
}
