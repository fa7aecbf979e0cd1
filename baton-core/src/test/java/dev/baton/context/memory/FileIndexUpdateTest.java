package dev.baton.context.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The index's incremental update, deletions, ignore rules and skipped files, checked by its counters. */
class FileIndexUpdateTest {

    @TempDir
    Path project;
    @TempDir
    Path data;

    private ProjectMemory open(HashedWordsEmbeddingModel embedder) {
        return ProjectMemory.open(RetrievalFixture.settings(project, data, embedder));
    }

    @Test
    void a_second_update_with_nothing_changed_reads_and_indexes_nothing() {
        RetrievalFixture.copyTo(project);
        try (ProjectMemory memory = open(null)) {
            IndexStats first = memory.reindex();
            IndexStats second = memory.reindex();
            assertThat(first.indexed()).isEqualTo(12);
            assertThat(first.chunks()).isPositive();
            assertThat(second.indexed()).isZero();
            assertThat(second.unchanged()).isEqualTo(12);
        }
    }

    @Test
    void after_one_file_changes_only_that_file_is_reindexed_and_its_new_text_is_found() throws Exception {
        RetrievalFixture.copyTo(project);
        HashedWordsEmbeddingModel embedder = new HashedWordsEmbeddingModel();
        try (ProjectMemory memory = open(embedder)) {
            memory.reindex();
            int embeddedBefore = embedder.texts.get();
            Path pump = project.resolve("firmware/pump.go");
            Files.writeString(pump, Files.readString(pump) + """

                    // FlushFilter reverses the flow for a few seconds to clean the sand filter.
                    func FlushFilter(p Pump) {
                    \tp.Reverse()
                    }
                    """);
            Files.setLastModifiedTime(pump, FileTime.from(Instant.now().plusSeconds(5)));

            IndexStats stats = memory.reindex();

            assertThat(stats.indexed()).isEqualTo(1);
            assertThat(stats.unchanged()).isEqualTo(11);
            assertThat(stats.removed()).isZero();
            // only the changed file's chunks went to the embedding model (plus nothing else)
            assertThat(embedder.texts.get() - embeddedBefore).isEqualTo(stats.chunks());
            assertThat(memory.search("flush the sand filter", 2000).excerpts().getFirst().title()).contains("FlushFilter");
        }
    }

    @Test
    void a_touched_file_with_the_same_content_is_hashed_but_not_reindexed() throws Exception {
        RetrievalFixture.copyTo(project);
        try (ProjectMemory memory = open(null)) {
            memory.reindex();
            Files.setLastModifiedTime(project.resolve("README.md"), FileTime.from(Instant.now().plusSeconds(60)));
            IndexStats stats = memory.reindex();
            assertThat(stats.indexed()).isZero();
            assertThat(stats.unchanged()).isEqualTo(12);
        }
    }

    @Test
    void a_deleted_file_is_removed_and_no_longer_found() throws Exception {
        RetrievalFixture.copyTo(project);
        try (ProjectMemory memory = open(null)) {
            memory.reindex();
            assertThat(paths(memory.search("CRC checksum frame", 4000))).contains("src/lib/checksum.rs");
            Files.delete(project.resolve("src/lib/checksum.rs"));
            IndexStats stats = memory.reindex();
            assertThat(stats.removed()).isEqualTo(1);
            assertThat(stats.indexed()).isZero();
            assertThat(paths(memory.search("CRC checksum frame", 4000))).doesNotContain("src/lib/checksum.rs");
        }
    }

    @Test
    void the_index_survives_reopening_and_is_not_rebuilt() {
        RetrievalFixture.copyTo(project);
        try (ProjectMemory memory = open(null)) {
            memory.reindex();
        }
        try (ProjectMemory memory = open(null)) {
            IndexStats stats = memory.reindex();
            assertThat(stats.indexed()).isZero();
            assertThat(stats.unchanged()).isEqualTo(12);
        }
    }

    @Test
    void gitignore_rules_at_any_level_keep_files_out_and_a_newly_ignored_file_is_removed() throws Exception {
        Files.writeString(project.resolve(".gitignore"), "build/\n*.log\n");
        Files.createDirectories(project.resolve("build"));
        Files.writeString(project.resolve("build/generated.java"), "class Generated { void zebraquartz() {} }\n");
        Files.writeString(project.resolve("trace.log"), "zebraquartz happened\n");
        Files.createDirectories(project.resolve("app/tmp"));
        Files.writeString(project.resolve("app/.gitignore"), "tmp/\n!keep.md\n");
        Files.writeString(project.resolve("app/tmp/scratch.md"), "# zebraquartz notes\n");
        Files.writeString(project.resolve("app/main.py"), "def zebraquartz():\n    return 1\n");
        Files.writeString(project.resolve("app/notes.md"), "# notes\nzebraquartz is documented here\n");
        try (ProjectMemory memory = open(null)) {
            IndexStats first = memory.reindex();
            assertThat(first.indexed()).isEqualTo(4); // the two .gitignore files, main.py, notes.md
            assertThat(paths(memory.search("zebraquartz", 4000))).containsExactlyInAnyOrder("app/main.py", "app/notes.md");

            Files.writeString(project.resolve("app/.gitignore"), "tmp/\nnotes.md\n");
            IndexStats second = memory.reindex();
            assertThat(second.removed()).isEqualTo(1);
            assertThat(paths(memory.search("zebraquartz", 4000))).containsExactly("app/main.py");
        }
    }

    @Test
    void binary_and_oversized_files_are_skipped() throws Exception {
        Files.write(project.resolve("logo.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2});
        Files.writeString(project.resolve("huge.txt"), "zebraquartz ".repeat(200_000));
        Files.writeString(project.resolve("small.txt"), "zebraquartz is here\n");
        try (ProjectMemory memory = open(null)) {
            IndexStats stats = memory.reindex();
            assertThat(stats.skipped()).isEqualTo(2);
            assertThat(stats.indexed()).isEqualTo(1);
            assertThat(paths(memory.search("zebraquartz", 4000))).containsExactly("small.txt");
            assertThat(memory.reindex().skipped()).isEqualTo(2);
        }
    }

    @Test
    void an_index_inside_the_project_is_not_indexed() throws Exception {
        Files.writeString(project.resolve("a.md"), "# alpha\nzebraquartz\n");
        MemorySettings inside = new MemorySettings(project, project.resolve(".baton/memory"), dev.baton.store.internal.SqliteDatabase.migrated(data.resolve("baton.db")),
                List.of(), 1024 * 1024, null, null, null);
        try (ProjectMemory memory = ProjectMemory.open(inside)) {
            memory.reindex();
            assertThat(memory.reindex().scanned()).isEqualTo(1);
        }
    }

    @Test
    void a_second_memory_on_a_held_index_searches_it_read_only_and_refuses_to_update() throws Exception {
        Files.writeString(project.resolve("a.md"), "# alpha\nzebraquartz\n");
        try (ProjectMemory writer = open(null)) {
            writer.reindex();
            try (ProjectMemory reader = open(null)) {
                assertThat(paths(reader.search("zebraquartz", 1000))).containsExactly("a.md");
                org.assertj.core.api.Assertions.assertThatThrownBy(reader::reindex)
                        .hasMessageContaining("read-only").hasMessageContaining("another process");
            }
        }
    }

    private static List<String> paths(SearchResult r) {
        return r.excerpts().stream().map(Excerpt::path).distinct().toList();
    }
}
