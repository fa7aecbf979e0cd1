package dev.baton.ensemble.service;

import dev.baton.Baton;
import dev.baton.artifact.ArtifactRef;
import dev.baton.artifact.IndexedRun;
import dev.baton.artifact.StoredRun;
import dev.baton.config.BatonPaths;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.testing.PostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Team mode: with a PostgreSQL store, a run's {@code execution.json}, {@code execution.md} and index
 * entry are in the store, so a replica that never saw the run's files lists, shows and deletes it;
 * a second project on the same database sees none of them.
 */
class SharedArtifactsTest {

    private static final String ECHO = """
            name: echo
            deliverable: shout
            agents:
              - name: shout
                script: printf '%s!' "$BATON_INPUT"
            """;

    @TempDir
    Path tmp;
    PostgresServer.Database database;

    @BeforeEach
    void setUp() throws IOException {
        database = PostgresServer.start().newDatabase();
        for (String project : List.of("alpha", "beta")) {
            write(tmp.resolve(project).resolve(".baton/ensembles/echo.yaml"), ECHO);
        }
    }

    @Test
    void givenARunOnOneReplica_whenItsLocalFilesAreGone_thenAnotherReplicaListsShowsAndDeletesItFromTheStore() throws Exception {
        RunResult run;
        List<ArtifactOutcome> outcomes = new ArrayList<>();
        try (Baton first = replica("alpha", "one")) {
            run = first.ensembles().run("echo", "hello", RunOptions.defaults().withOnArtifacts(outcomes::add), null).await();
        }
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.writeFailure()).isNull());
        ArtifactRef written = outcomes.getFirst().ref();
        assertThat(written.executionMarkdown()).as("the replica that ran it keeps a local copy").isRegularFile();
        deleteTree(tmp.resolve("alpha/.baton/artifacts")); // the other replica's machine has no files

        try (Baton second = replica("alpha", "two")) {
            Artifacts artifacts = second.ensembles().artifacts();
            assertThat(artifacts.list(null, 10)).extracting(r -> r.result().runId()).containsExactly(run.runId());
            StoredRun shown = artifacts.show("echo", "latest").orElseThrow();
            assertThat(shown.ref().id()).isEqualTo(written.id());
            assertThat(shown.result().agent("shout").orElseThrow().output()).isEqualTo("hello!");
            assertThat(shown.markdown()).contains("# echo — completed");
            assertThat(artifacts.show("echo", written.id())).isPresent();
            assertThat(artifacts.indexed("echo", 10)).extracting(IndexedRun::runId).containsExactly(run.runId());

            try (Baton otherProject = replica("beta", "three")) {
                assertThat(otherProject.ensembles().artifacts().list(null, 10)).as("another project's runs").isEmpty();
                assertThat(otherProject.ensembles().artifacts().show("echo", "latest")).isEmpty();
            }

            assertThat(artifacts.delete("echo", written.id())).isTrue();
            assertThat(artifacts.list("echo", 10)).isEmpty();
        }
        assertThat(count("SELECT count(*) FROM artifact_run")).isZero();
    }

    @Test
    void givenRunsOfTwoProjects_whenOneCleansUp_thenOnlyItsOwnOldRunsGoAndTheNewestAreKept() throws Exception {
        try (Baton alpha = replica("alpha", "one"); Baton beta = replica("beta", "two")) {
            for (int i = 0; i < 3; i++) {
                alpha.ensembles().run("echo", "a" + i, RunOptions.defaults(), null).await();
                beta.ensembles().run("echo", "b" + i, RunOptions.defaults(), null).await();
            }

            List<ArtifactRef> dry = alpha.ensembles().artifacts().cleanup("echo", null, 1, true);
            assertThat(dry).hasSize(2);
            assertThat(alpha.ensembles().artifacts().list("echo", 10)).hasSize(3);

            List<ArtifactRef> removed = alpha.ensembles().artifacts().cleanup(null, Instant.now().plusSeconds(60), 1, false);

            assertThat(removed).extracting(ArtifactRef::id).isEqualTo(dry.stream().map(ArtifactRef::id).toList());
            assertThat(alpha.ensembles().artifacts().list("echo", 10)).singleElement()
                    .satisfies(r -> assertThat(r.result().input()).isEqualTo("a2"));
            assertThat(beta.ensembles().artifacts().list("echo", 10)).hasSize(3);
            assertThat(alpha.ensembles().artifacts().root().resolve("echo")).as("local copies of deleted runs go too")
                    .isDirectoryNotContaining(p -> p.getFileName().toString().equals(removed.getFirst().id()));
        }
    }

    private Baton replica(String project, String home) {
        Path work = tmp.resolve(project);
        String url = database.jdbcUrl() + "?user=" + database.user() + "&password=" + database.password();
        Map<String, String> env = Map.of("HOME", tmp.resolve(home).toString(),
                "BATON_CONFIG_HOME", tmp.resolve(home + "/.config/baton").toString(),
                "BATON_DATA_HOME", tmp.resolve(home + "/.local/share/baton").toString(),
                "OLLAMA_HOST", "127.0.0.1:1", "BATON_STORE_URL", url);
        return Baton.builder(BatonPaths.discover(work, env), env).build();
    }

    private long count(String sql) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
