package dev.baton.artifact;

import dev.baton.ensemble.run.RunResult;
import tools.jackson.databind.JsonNode;

/** A stored run read back: where it is, the result, and the raw {@code execution.json}. */
public record StoredRun(ArtifactRef ref, RunResult result, JsonNode json) {
}
