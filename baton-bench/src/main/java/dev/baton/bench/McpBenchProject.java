package dev.baton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MCP benchmark's scratch project: a scripted model answering after {@code latencyMs} and the
 * five-agent ensemble {@value #ENSEMBLE} (three reviewers in parallel, then a synthesizer, then an
 * editor: a critical path of three calls).
 */
final class McpBenchProject {

    static final String ENSEMBLE = "five";

    private McpBenchProject() {
    }

    /** Writes the project under {@code dir} and returns its root. */
    static Path write(Path dir, long latencyMs) throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path baton = Files.createDirectories(project.resolve(".baton/ensembles"));
        Files.writeString(baton.resolveSibling("config.yaml"), """
                providers:
                  bench:
                    kind: scripted
                    options:
                      script:
                        rules:
                          - match: "."
                            reply: {text: "Looks fine; one nit.", latency_ms: %d}
                profiles:
                  bench: {provider: bench, model: bench-model}
                default_profile: bench
                """.formatted(latencyMs));
        Files.writeString(baton.resolve(ENSEMBLE + ".yaml"), """
                name: five
                deliverable: editor
                agents:
                  - {name: style, model_profile: bench, system_prompt: Review the style.}
                  - {name: tests, model_profile: bench, system_prompt: Review the tests.}
                  - {name: logic, model_profile: bench, system_prompt: Review the logic.}
                  - {name: synthesizer, model_profile: bench, system_prompt: Merge the reviews., depends_on: [style, tests, logic]}
                  - {name: editor, model_profile: bench, system_prompt: Edit the summary., depends_on: [synthesizer]}
                """);
        return project;
    }
}
