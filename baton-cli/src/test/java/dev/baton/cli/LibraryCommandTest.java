package dev.baton.cli;

import dev.baton.library.Library;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LibraryCommandTest {

    private static final List<String> SCRIPTS = List.of("read_file", "write_file", "json_select", "json_transform",
            "ask_user", "replicate", "loop_helper", "chunk_text");

    @TempDir
    Path tmp;

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.path("name").asString()));
        return names;
    }

    @Test
    void browse_lists_every_script_and_ensemble_and_filters_by_kind() {
        CliHarness cli = new CliHarness(tmp);

        var all = cli.run("library", "browse", "-o", "json");
        var scripts = cli.run("library", "browse", "--kind", "script", "-o", "json");
        var text = cli.run("library", "browse", "--kind", "ensemble");

        assertThat(all.exit()).isZero();
        JsonNode entries = Json.MAPPER.readTree(all.out());
        assertThat(names(entries)).containsAll(SCRIPTS)
                .contains("code-review", "chunked-summary", "research-loop", "file-summary");
        entries.forEach(e -> {
            assertThat(e.path("description").asString()).isNotBlank();
            assertThat(e.path("tags").size()).isPositive();
            assertThat(e.path("files").size()).isPositive();
        });
        assertThat(names(Json.MAPPER.readTree(scripts.out()))).containsExactlyInAnyOrderElementsOf(SCRIPTS);
        assertThat(text.out()).startsWith("NAME").contains("research-loop").doesNotContain("json_select");
    }

    @Test
    void every_indexed_file_is_bundled() {
        for (Library.Entry e : Library.load().entries()) {
            for (String f : e.files()) assertThat(Library.bytes(f)).as(e.name() + ": " + f).isNotEmpty();
        }
    }

    @Test
    void search_matches_every_word_in_name_description_or_tags_best_first() {
        CliHarness cli = new CliHarness(tmp);

        var json = cli.run("library", "search", "json", "-o", "json");
        var fanOut = cli.run("library", "search", "fan_out", "-o", "json");
        var twoWords = cli.run("library", "search", "loop", "critic", "-o", "json");
        var none = cli.run("library", "search", "no-such-thing-anywhere");

        assertThat(names(Json.MAPPER.readTree(json.out())).subList(0, 2)).containsExactly("json_select", "json_transform");
        assertThat(names(Json.MAPPER.readTree(fanOut.out()))).contains("replicate", "chunk_text", "chunked-summary")
                .doesNotContain("read_file");
        assertThat(names(Json.MAPPER.readTree(twoWords.out()))).containsExactly("research-loop");
        assertThat(none.exit()).isZero();
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).contains("no library entry matches");
    }

    @Test
    void show_prints_the_entry_and_the_full_text_of_its_files() throws Exception {
        CliHarness cli = new CliHarness(tmp);

        var text = cli.run("library", "show", "research-loop");
        var json = cli.run("library", "show", "write_file.py", "-o", "json");

        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("research-loop (ensemble)")
                .contains("==> ensembles/research-loop.yaml (copied to .baton/ensembles/research-loop.yaml) <==")
                .contains("max_iterations: 3").contains("==> ensembles/research-round.yaml");
        JsonNode d = Json.MAPPER.readTree(json.out());
        assertThat(d.path("name").asString()).isEqualTo("write_file");
        assertThat(d.path("files").get(0).path("content").asString()).isEqualTo(Library.read("scripts/write_file.py"));
        assertThat(d.path("files").get(0).path("target").asString()).isEqualTo(".baton/scripts/write_file.py");
    }

    @Test
    void an_unknown_entry_is_a_usage_error() {
        var r = new CliHarness(tmp).run("library", "show", "nope");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no library entry named 'nope'");
    }

    @Test
    void copy_creates_the_baton_folders_and_makes_scripts_executable() {
        CliHarness cli = new CliHarness(tmp);

        var r = cli.run("library", "copy", "chunked-summary");

        assertThat(r.exit()).as(r.err()).isZero();
        Path baton = cli.workDir().resolve(".baton");
        assertThat(baton.resolve("ensembles/chunked-summary.yaml")).hasContent(Library.read("ensembles/chunked-summary.yaml"));
        assertThat(Files.isExecutable(baton.resolve("scripts/chunk_text.py"))).isTrue();
        assertThat(r.out()).contains("created .baton/ensembles/chunked-summary.yaml").contains("created .baton/scripts/chunk_text.py");
    }

    @Test
    void copy_never_overwrites_a_changed_file_without_force() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("library", "copy", "read_file").exit()).isZero();
        Path script = cli.workDir().resolve(".baton/scripts/read_file.py");
        Files.writeString(script, "# my own version\n");

        var again = cli.run("library", "copy", "read_file");
        var ensemble = cli.run("library", "copy", "file-summary");

        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains(".baton/scripts/read_file.py").contains("--force");
        assertThat(script).hasContent("# my own version");
        // an entry is copied whole or not at all: the ensemble that needs read_file.py is not created either
        assertThat(ensemble.exit()).isEqualTo(2);
        assertThat(cli.workDir().resolve(".baton/ensembles/file-summary.yaml")).doesNotExist();

        var forced = cli.run("library", "copy", "file-summary", "--force", "-o", "json");

        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(script).hasContent(Library.read("scripts/read_file.py"));
        JsonNode files = Json.MAPPER.readTree(forced.out()).path("files");
        assertThat(files.get(0).path("action").asString()).isEqualTo("created");
        assertThat(files.get(1).path("action").asString()).isEqualTo("overwritten");
    }

    @Test
    void copying_an_identical_file_again_leaves_it_unchanged() {
        CliHarness cli = new CliHarness(tmp);
        cli.run("library", "copy", "replicate");

        var r = cli.run("library", "copy", "replicate");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("unchanged .baton/scripts/replicate.py");
    }

    @Test
    void copy_goes_into_the_project_found_above_the_working_directory() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        Files.createDirectories(cli.workDir().resolve(".baton"));
        Path sub = Files.createDirectories(cli.workDir().resolve("src/deep"));

        var r = cli.runIn(sub, "", "library", "copy", "replicate");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(cli.workDir().resolve(".baton/scripts/replicate.py")).exists();
        assertThat(sub.resolve(".baton")).doesNotExist();
    }
}
