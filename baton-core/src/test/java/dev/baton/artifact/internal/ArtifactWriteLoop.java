package dev.baton.artifact.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

/** Child-JVM helper for {@link ArtifactWriterTest}: writes large runs in a loop until killed. */
public final class ArtifactWriteLoop {

    private ArtifactWriteLoop() {
    }

    public static void main(String[] args) {
        ArtifactWriter writer = new ArtifactWriter(Path.of(args[0]), null, ZoneOffset.UTC);
        String big = "x".repeat(4 << 20);
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        for (int i = 0; ; i++) {
            writer.write(SampleRuns.run("big", t.plusMillis(i), big));
            System.out.println("wrote " + i);
            System.out.flush();
        }
    }
}
