package dev.baton.ensemble.service;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.error.BatonException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Adding and removing project scripts: a new script runs as an agent would run it, an existing one is never replaced. */
class ScriptEditorTest {

    @TempDir
    Path tmp;
    Baton baton;
    ScriptEditor editor;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(tmp.resolve("work/.baton"));
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(), "PATH", System.getenv("PATH"));
        baton = Baton.builder(BatonPaths.discover(tmp.resolve("work"), env), env).database(tmp.resolve("db")).build();
        editor = new ScriptEditor(baton.paths(), baton.ensembles().scripts());
    }

    @AfterEach
    void tearDown() {
        baton.close();
    }

    @Test
    void create_writes_a_runnable_script_that_tests_like_an_agent() throws Exception {
        ScriptInfo script = editor.create("hello.sh", "# says hello\nprintf 'hello %s' \"$BATON_INPUT\"\n");

        assertThat(script.tier()).isEqualTo(Tier.PROJECT);
        assertThat(script.description()).isEqualTo("says hello");
        var result = baton.ensembles().scripts().test(script, new ScriptTrial("you", null, null, Duration.ofSeconds(30)));
        assertThat(result.ok()).isTrue();
        assertThat(result.process().stdout()).isEqualTo("hello you");
    }

    @Test
    void create_refuses_an_existing_script_a_path_and_content_nothing_could_run() {
        editor.create("hello.sh", "printf one\n");

        assertThatThrownBy(() -> editor.create("hello.sh", "printf two\n")).isInstanceOf(BatonException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> editor.create("../x.sh", "true")).hasMessageContaining("script name");
        assertThatThrownBy(() -> editor.create("plain", "echo hi")).hasMessageContaining("no known extension");
    }

    @Test
    void delete_removes_a_project_script_and_names_a_missing_one() {
        editor.create("gone.py", "print('x')\n");

        assertThat(editor.delete("gone")).doesNotExist();
        assertThatThrownBy(() -> editor.delete("gone")).isInstanceOf(BatonException.class).hasMessageContaining("no project script 'gone'");
    }
}
