package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PersonasCommandTest {

    @TempDir
    Path tmp;

    @Test
    void list_shows_the_shipped_personas_in_text_and_json() {
        CliHarness cli = new CliHarness(tmp);

        var text = cli.run("personas", "list");
        var json = cli.run("personas", "list", "-o", "json");

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("PERSONA").contains("reviewer").contains("shipped");
        JsonNode rows = Json.MAPPER.readTree(json.out());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows.findValuesAsString("name")).contains("assistant", "coder", "reviewer", "concise");
    }

    @Test
    void set_from_a_file_overrides_and_reset_restores_the_shipped_text() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        String shipped = cli.run("personas", "show", "coder").out();
        Files.writeString(cli.workDir().resolve("mine.md"), "Only write Go.\n");

        var set = cli.run("personas", "set", "coder", "--file", "mine.md");
        var shown = cli.run("personas", "show", "coder", "-o", "json");

        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("persona coder set (overridden");
        JsonNode p = Json.MAPPER.readTree(shown.out());
        assertThat(p.path("text").asString()).isEqualTo("Only write Go.");
        assertThat(p.path("source").asString()).isEqualTo("overridden");
        assertThat(tmp.resolve("home/.config/baton/personas/coder.md")).hasContent("Only write Go.");

        var reset = cli.run("personas", "reset", "coder");

        assertThat(reset.out()).contains("reset to its shipped text");
        assertThat(cli.run("personas", "show", "coder").out()).isEqualTo(shipped);
    }

    @Test
    void a_new_persona_from_stdin_is_removed_by_reset() {
        CliHarness cli = new CliHarness(tmp);

        assertThat(cli.runWithStdin("Talk like a sailor.", "personas", "set", "sailor", "--file", "-").exit()).isZero();
        assertThat(cli.run("personas", "list").out()).contains("sailor").contains("user");
        var reset = cli.run("personas", "reset", "sailor", "-o", "json");

        assertThat(Json.MAPPER.readTree(reset.out()).path("removed").asBoolean()).isTrue();
        assertThat(cli.run("personas", "show", "sailor").exit()).isNotZero();
    }

    @Test
    void bad_input_names_the_argument_and_exits_non_zero() {
        CliHarness cli = new CliHarness(tmp);

        var missing = cli.run("personas", "set", "x", "--file", "nope.md");
        var badName = cli.runWithStdin("text", "personas", "set", "Bad Name", "--file", "-");
        var unknown = cli.run("personas", "show", "nobody");

        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("--file: no such file: nope.md");
        assertThat(badName.exit()).isNotZero();
        assertThat(badName.err()).contains("persona name 'Bad Name'");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("no persona 'nobody'");
    }
}
