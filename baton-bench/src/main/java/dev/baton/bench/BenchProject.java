package dev.baton.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A scratch project as a user would have it for the whole-process harness: {@code .baton/config.yaml}
 * with one OpenAI-compatible provider pointing at the loopback upstream (key read from
 * {@value #KEY_VARIABLE}), one profile, and the ensemble {@value #ENSEMBLE}: {@code reviewers}
 * parallel reviewers, a synthesizer depending on all of them, an editor depending on the
 * synthesizer. It also holds an empty home, so no user configuration or store takes part.
 */
final class BenchProject implements AutoCloseable {

    static final String ENSEMBLE = "fan-in";
    static final String KEY_VARIABLE = "BENCH_UPSTREAM_KEY";
    static final String REVIEWER_PREFIX = "reviewer-";

    private final Path root;

    BenchProject(URI upstream, int reviewers) throws IOException {
        root = Files.createTempDirectory("baton-bench-process-");
        Path baton = Files.createDirectories(root.resolve("work/.baton/ensembles"));
        Files.createDirectories(home());
        Files.writeString(baton.getParent().resolve("config.yaml"), """
                default_profile: bench
                providers:
                  loopback:
                    kind: openai
                    base_url: %s
                    api_key: ${%s}
                profiles:
                  bench:
                    provider: loopback
                    model: bench-model
                    context_window: 128000
                    max_tokens: 256
                    prices: {input: 0.15, output: 0.60}
                """.formatted(upstream, KEY_VARIABLE));
        Files.writeString(baton.resolve(ENSEMBLE + ".yaml"), ensemble(reviewers));
    }

    /** The working directory runs start in (the project root). */
    Path workDir() {
        return root.resolve("work");
    }

    /** The empty home runs get as {@code HOME}. */
    Path home() {
        return root.resolve("home");
    }

    private static String ensemble(int reviewers) {
        StringBuilder y = new StringBuilder("name: " + ENSEMBLE + "\n")
                .append("description: ").append(reviewers).append(" reviewers, a synthesizer, an editor\n")
                .append("deliverable: editor\n")
                .append("agents:\n");
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < reviewers; i++) {
            String name = String.format("%s%04d", REVIEWER_PREFIX, i);
            y.append("  - name: ").append(name).append('\n')
                    .append("    model_profile: bench\n")
                    .append("    system_prompt: You review part ").append(i).append(" of the change for defects.\n");
            names.append(i == 0 ? "" : ", ").append(name);
        }
        y.append("  - name: synthesizer\n    model_profile: bench\n")
                .append("    system_prompt: You merge the reviews into one list of findings.\n")
                .append("    depends_on: [").append(names).append("]\n")
                .append("  - name: editor\n    model_profile: bench\n")
                .append("    system_prompt: You edit the findings into a short report.\n")
                .append("    depends_on: [synthesizer]\n");
        return y.toString();
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
