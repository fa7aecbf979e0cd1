package dev.baton.cli;

import dev.baton.artifact.internal.SqliteArtifactIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ArtifactsCommandTest {

    @TempDir
    Path tmp;

    private EnsembleProject project() {
        return new EnsembleProject(tmp).ensemble("echo", """
                name: echo
                agents:
                  - {name: answer, model_profile: default}
                """);
    }

    @Test
    void list_and_show_the_recorded_runs() {
        EnsembleProject project = project();
        String first = runId(project.run("invoke", "echo", "one", "-o", "json"));
        String second = runId(project.run("invoke", "echo", "two", "-o", "json"));

        var list = project.run("artifacts", "list", "-o", "json");
        var listText = project.run("artifacts", "list", "echo");
        var latest = project.run("artifacts", "show", "echo", "-o", "json");

        JsonNode rows = Json.MAPPER.readTree(list.out());
        assertThat(rows).extracting(r -> r.path("run_id").asString()).containsExactly(second, first);
        assertThat(rows.get(0).path("status").asString()).isEqualTo("completed");
        assertThat(listText.out()).contains("EXECUTION").contains("completed").contains(rows.get(1).path("execution").asString());
        assertThat(Json.MAPPER.readTree(latest.out()).path("run_id").asString()).isEqualTo(second);

        String olderId = rows.get(1).path("execution").asString();
        var older = project.run("artifacts", "show", "echo", "--execution", olderId);
        assertThat(older.exit()).isZero();
        assertThat(older.out()).startsWith("# echo — completed").contains("one");
        assertThat(project.run("artifacts", "show", "echo", "--execution", "20000101-000000-000").exit()).isEqualTo(2);
    }

    @Test
    void givenAPostgresStore_whenTheLocalFilesAreGone_thenListAndShowServeTheRunFromTheStore() throws IOException {
        dev.baton.testing.PostgresServer.Database db = dev.baton.testing.PostgresServer.start().newDatabase();
        EnsembleProject project = project().config("store: {kind: postgres, url: \"%s\", user: %s, password: %s}\n"
                .formatted(db.jdbcUrl(), db.user(), db.password()));
        String runId = runId(project.run("invoke", "echo", "from the store", "-o", "json"));
        try (Stream<Path> files = Files.walk(project.artifacts())) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }

        JsonNode rows = Json.MAPPER.readTree(project.run("artifacts", "list", "-o", "json").out());
        var shown = project.run("artifacts", "show", "echo");

        assertThat(rows).extracting(r -> r.path("run_id").asString()).containsExactly(runId);
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).startsWith("# echo — completed").contains("from the store");
        String execution = rows.get(0).path("execution").asString();
        var deleted = project.run("artifacts", "delete", "echo", execution, "-o", "json");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(Json.MAPPER.readTree(deleted.out()).path("deleted").asBoolean()).isTrue();
        assertThat(Json.MAPPER.readTree(project.run("artifacts", "list", "-o", "json").out())).isEmpty();
        assertThat(project.run("artifacts", "delete", "echo", execution).exit()).as("no such run any more").isEqualTo(2);
    }

    @Test
    void cleanup_deletes_runs_older_than_the_age_and_keeps_newer_ones() throws IOException {
        EnsembleProject project = project();
        String recent = runId(project.run("invoke", "echo", "now", "-o", "json"));
        Path ensembleDir = project.artifacts().resolve("echo");
        Path recentDir = ensembleDir.resolve(Json.MAPPER.readTree(project.run("artifacts", "list", "-o", "json").out())
                .get(0).path("execution").asString());
        Path old = ensembleDir.resolve("20200101-000000-000");
        Files.createDirectories(old);
        Files.copy(recentDir.resolve("execution.json"), old.resolve("execution.json"));

        assertThat(Json.MAPPER.readTree(project.run("artifacts", "list", "-o", "json").out())).hasSize(2);
        var r = project.run("artifacts", "cleanup", "--older-than", "7d", "-o", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).path("deleted").asInt()).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(recentDir).exists();
        try (Stream<Path> left = Files.list(ensembleDir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("latest", recentDir.getFileName().toString());
        }
        try (SqliteArtifactIndex index = SqliteArtifactIndex.open(project.database())) {
            assertThat(index.find(recent)).isPresent();
        }
        assertThat(project.run("artifacts", "cleanup", "--older-than", "30m").out()).contains("deleted 0 run(s)");
    }

    @Test
    void a_bad_age_is_a_usage_error() {
        var r = project().run("artifacts", "cleanup", "--older-than", "7 days");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("30m, 24h or 7d");
    }

    @Test
    void ages_parse_in_every_unit() {
        assertThat(AgeArgument.parse("90s").toSeconds()).isEqualTo(90);
        assertThat(AgeArgument.parse("30m").toMinutes()).isEqualTo(30);
        assertThat(AgeArgument.parse("24h").toHours()).isEqualTo(24);
        assertThat(AgeArgument.parse("7d").toDays()).isEqualTo(7);
        assertThat(AgeArgument.parse("2w").toDays()).isEqualTo(14);
    }

    private static String runId(CliHarness.Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out()).path("run_id").asString();
    }
}
