package dev.baton.context.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The committed fixture project (a made-up irrigation controller) copied into a test's folder. */
final class RetrievalFixture {

    private RetrievalFixture() {
    }

    static Path copyTo(Path target) {
        try {
            Path source = Path.of(RetrievalFixture.class.getResource("/memory-fixture/README.md").toURI()).getParent();
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : files.toList()) {
                    Path dest = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(dest);
                    else Files.copy(p, dest);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static MemorySettings settings(Path project, Path data, dev.baton.llm.EmbeddingModel embedder) {
        return new MemorySettings(project, data.resolve("index"), dev.baton.store.internal.SqliteDatabase.migrated(data.resolve("baton.db")), List.of(), 1024 * 1024,
                embedder, null, null);
    }
}
