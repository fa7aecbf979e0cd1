package dev.baton.ensemble.run;

import dev.baton.ensemble.load.DirectoryEnsembleCatalog;
import dev.baton.ensemble.load.EnsembleParser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.Utf8TextReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad ensemble files become problems naming the file and line, in Baton's words; none of them throws. */
class EnsembleInputTest {

    @TempDir
    Path dir;

    private final EnsembleParser parser = new EnsembleParser();

    @Test
    void a_file_that_is_not_utf8_is_listed_with_its_problem_beside_the_good_ones() throws Exception {
        Files.writeString(dir.resolve("good.yaml"), "name: good\nagents:\n  - name: a\n    model_profile: p\n");
        Path bad = dir.resolve("bin.yaml");
        Files.write(bad, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        List<EnsembleParser.Parsed> all = new DirectoryEnsembleCatalog(List.of(dir), parser).listAll();

        assertThat(all).hasSize(2);
        assertThat(all.getFirst().spec()).isNull();
        assertThat(all.getFirst().problems()).singleElement().hasToString(
                bad + ": not UTF-8 text (byte 0xC3 at byte offset 6, line 1)");
        assertThat(all.get(1).ok()).isTrue();
    }

    @Test
    void a_file_over_the_size_limit_is_a_problem_not_a_parse() throws Exception {
        Path big = dir.resolve("big.yaml");
        StringBuilder yaml = new StringBuilder("name: big\ndescription: |\n");
        while (yaml.length() <= Utf8TextReader.MAX_YAML_BYTES) yaml.append("  filler filler filler filler filler\n");
        Files.writeString(big, yaml);

        EnsembleParser.Parsed parsed = parser.parse(big);

        assertThat(parsed.spec()).isNull();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(big.toString());
            assertThat(p.message()).startsWith("too large: ").contains("over the limit of 1 MiB (1048576 bytes)");
        });
    }

    @Test
    void a_syntax_error_names_its_own_line_and_the_whole_problem() {
        EnsembleParser.Parsed parsed = parser.parse("name: x\nagents:\n\t- name: a\n", Path.of("x.yaml"));

        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("column 1")
                    .contains("found character '\\t(TAB)' that cannot start any token");
        });
    }

    @Test
    void a_mapping_where_a_string_belongs_says_what_was_found() {
        EnsembleParser.Parsed parsed = parser.parse("""
                name: x
                agents:
                  - name: a
                    model_profile:
                      fast: yes
                """, Path.of("x.yaml"));

        assertThat(parsed.problems()).singleElement().hasToString(
                "x.yaml:4: agent 'a': 'model_profile' must be a string, found a mapping");
    }

    @Test
    void an_alias_is_refused_with_its_line() {
        EnsembleParser.Parsed parsed = parser.parse("""
                name: x
                default_task: &t review this
                description: *t
                agents:
                  - name: a
                    model_profile: p
                """, Path.of("x.yaml"));

        assertThat(parsed.problems()).singleElement().hasToString(
                "x.yaml:3: YAML aliases are not supported ('*t'): write the value out in full");
    }

    @Test
    void deep_nesting_is_refused_with_the_limit() {
        EnsembleParser.Parsed parsed = parser.parse("name: x\nagents: " + "[".repeat(300) + "]".repeat(300) + "\n",
                Path.of("x.yaml"));

        assertThat(parsed.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("nested too deeply: more than 100 levels"));
    }
}
