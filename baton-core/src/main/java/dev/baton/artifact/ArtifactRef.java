package dev.baton.artifact;

import java.nio.file.Path;
import dev.baton.artifact.internal.ArtifactWriter;

/** One stored run: its ensemble, its id (the directory name, {@code yyyyMMdd-HHmmss-SSS}) and directory. */
public record ArtifactRef(String ensemble, String id, Path dir) {

    public Path executionJson() {
        return dir.resolve(ArtifactWriter.EXECUTION_JSON);
    }

    public Path executionMarkdown() {
        return dir.resolve(ArtifactWriter.EXECUTION_MD);
    }
}
