package dev.baton.context.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FactsTest {

    @TempDir
    Path project;
    @TempDir
    Path data;

    @Test
    void facts_persist_across_reopening_and_are_kept_per_project() throws Exception {
        Path other = Files.createDirectories(project.resolveSibling(project.getFileName() + "-other"));
        try (ProjectMemory memory = ProjectMemory.open(RetrievalFixture.settings(project, data, null))) {
            memory.remember("build.command", "./mvnw -B verify", "cli");
            memory.remember("style", "records over classes", "agent:reviewer");
            memory.remember("style", "records and small classes", "cli");
        }
        try (ProjectMemory memory = ProjectMemory.open(RetrievalFixture.settings(project, data, null))) {
            assertThat(memory.facts()).extracting(Fact::key, Fact::text, Fact::source).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("build.command", "./mvnw -B verify", "cli"),
                    org.assertj.core.groups.Tuple.tuple("style", "records and small classes", "cli"));
            assertThat(memory.forget("style")).isTrue();
            assertThat(memory.forget("style")).isFalse();
        }
        try (ProjectMemory memory = ProjectMemory.open(RetrievalFixture.settings(other, data, null))) {
            assertThat(memory.facts()).isEmpty();
        }
    }

    @Test
    void facts_live_in_a_postgresql_store_as_in_a_sqlite_one() {
        try (dev.baton.store.internal.PostgresDatabase store = dev.baton.store.internal.TestStores.freshPostgres(2)) {
            MemorySettings settings = new MemorySettings(project, data.resolve("index"), store.dataSource(), List.of(),
                    1024 * 1024, null, null, null);
            try (ProjectMemory memory = ProjectMemory.open(settings)) {
                memory.remember("build.command", "./mvnw -B verify", "cli");
                memory.remember("build.command", "./mvnw -B -o verify", "agent:coder");
            }
            try (ProjectMemory memory = ProjectMemory.open(settings)) {
                assertThat(memory.facts()).extracting(Fact::key, Fact::text, Fact::source).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("build.command", "./mvnw -B -o verify", "agent:coder"));
                assertThat(memory.forget("build.command")).isTrue();
                assertThat(memory.facts()).isEmpty();
            }
        }
    }

    @Test
    void facts_by_key_keep_the_asked_order_and_stop_at_the_token_budget() {
        try (ProjectMemory memory = ProjectMemory.open(RetrievalFixture.settings(project, data, null))) {
            memory.remember("a", "short", "cli");
            memory.remember("b", "word ".repeat(200), "cli");
            memory.remember("c", "also short", "cli");

            FactsResult r = memory.facts(List.of("c", "nope", "b", "a"), 20);

            assertThat(r.facts()).extracting(Fact::key).containsExactly("c", "a");
            assertThat(r.missing()).containsExactly("nope");
            assertThat(r.omitted()).containsExactly("b");
            assertThat(r.tokens()).isBetween(1, 20);
        }
    }

    @Test
    void a_bad_key_is_refused_with_the_offending_character() {
        try (ProjectMemory memory = ProjectMemory.open(RetrievalFixture.settings(project, data, null))) {
            assertThatThrownBy(() -> memory.remember("has space", "x", "cli"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("' '");
        }
    }
}
