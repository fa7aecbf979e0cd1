package dev.baton.ensemble.service;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.ensemble.load.EnsembleDefinitionException;
import dev.baton.error.BatonException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creating, changing and deleting ensemble files: validated first, written atomically, never silently replaced. */
class EnsembleEditorTest {

    private static final String ONE = """
            name: one
            # a comment the file keeps
            agents:
              - name: a
                script: printf one
            """;

    @TempDir
    Path tmp;
    Baton baton;
    EnsembleEditor editor;
    Path dir;

    @BeforeEach
    void setUp() throws IOException {
        dir = tmp.resolve("work/.baton/ensembles");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("one.yaml"), ONE);
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString());
        baton = Baton.builder(BatonPaths.discover(tmp.resolve("work"), env), env).database(tmp.resolve("db")).build();
        editor = new EnsembleEditor(baton.ensembles());
    }

    @AfterEach
    void tearDown() {
        baton.close();
    }

    @Test
    void create_writes_a_valid_ensemble_and_refuses_to_overwrite_one() throws IOException {
        var change = editor.create("two", ONE.replace("name: one", "name: two"));

        assertThat(change.file()).isEqualTo(dir.resolve("two.yaml"));
        assertThat(Files.readString(change.file())).contains("name: two");
        assertThat(baton.ensembles().load("two").agents()).hasSize(1);
        assertThatThrownBy(() -> editor.create("one", ONE)).isInstanceOf(BatonException.class).hasMessageContaining("already exists");
        assertThat(Files.readString(dir.resolve("one.yaml"))).isEqualTo(ONE);
    }

    @Test
    void create_refuses_invalid_content_and_a_mismatched_name_leaving_no_file() {
        assertThatThrownBy(() -> editor.create("bad", "name: bad\nagents:\n  - name: a\n    depends_on: [ghost]\n    script: 'true'\n"))
                .isInstanceOf(EnsembleDefinitionException.class).hasMessageContaining("ghost");
        assertThatThrownBy(() -> editor.create("other", ONE))
                .isInstanceOf(EnsembleDefinitionException.class).hasMessageContaining("must match");
        assertThatThrownBy(() -> editor.create("../escape", ONE)).isInstanceOf(BatonException.class).hasMessageContaining("name");
        assertThat(dir.toFile().list()).containsExactly("one.yaml");
    }

    @Test
    void copy_makes_a_new_ensemble_from_an_existing_one() throws IOException {
        editor.copy("three", "one");

        assertThat(Files.readString(dir.resolve("three.yaml"))).isEqualTo(ONE.replace("name: one", "name: three"));
    }

    @Test
    void update_dry_run_answers_a_unified_diff_without_writing() throws IOException {
        var change = editor.update("one", ONE.replace("printf one", "printf uno"), true, false);

        assertThat(change.written()).isFalse();
        assertThat(change.diff()).contains("@@ -2,4 +2,4 @@").contains("-    script: printf one").contains("+    script: printf uno");
        assertThat(Files.readString(dir.resolve("one.yaml"))).isEqualTo(ONE);
    }

    @Test
    void update_applies_the_change_and_keeps_a_backup_when_asked() throws IOException {
        var change = editor.update("one", ONE.replace("printf one", "printf uno"), false, true);

        assertThat(Files.readString(dir.resolve("one.yaml"))).contains("printf uno").contains("# a comment the file keeps");
        assertThat(change.backup()).isNotNull();
        assertThat(Files.readString(change.backup())).isEqualTo(ONE);
        assertThat(baton.ensembles().list()).extracting(EnsembleEntry::name).containsExactly("one");
    }

    @Test
    void update_refuses_content_that_does_not_validate_and_keeps_the_old_file() throws IOException {
        assertThatThrownBy(() -> editor.update("one", "name: one\nagents: [{name: a, nonsense: 1}]\n", false, false))
                .isInstanceOf(EnsembleDefinitionException.class).hasMessageContaining("nonsense");

        assertThat(Files.readString(dir.resolve("one.yaml"))).isEqualTo(ONE);
        assertThat(dir.toFile().list()).containsExactly("one.yaml");
    }

    @Test
    void delete_removes_a_project_ensemble_and_names_an_unknown_one() {
        editor.delete("one");

        assertThat(dir.resolve("one.yaml")).doesNotExist();
        assertThatThrownBy(() -> editor.delete("one")).isInstanceOf(EnsembleNotFoundException.class);
    }

    @Test
    void update_and_delete_refuse_a_yaml_file_outside_the_ensemble_folders() throws IOException {
        Path stray = tmp.resolve("work/stray.yaml");
        Files.writeString(stray, ONE.replace("name: one", "name: stray"));

        assertThatThrownBy(() -> editor.update("stray.yaml", ONE.replace("name: one", "name: stray.yaml"), false, false))
                .isInstanceOf(BatonException.class).hasMessageContaining("not an ensemble in");
        assertThatThrownBy(() -> editor.delete("stray.yaml")).isInstanceOf(BatonException.class).hasMessageContaining("not a project ensemble");
        assertThat(Files.readString(stray)).isEqualTo(ONE.replace("name: one", "name: stray"));
    }
}
