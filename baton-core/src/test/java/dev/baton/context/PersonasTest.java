package dev.baton.context;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonasTest {

    @TempDir
    Path dir;

    @Test
    void the_shipped_personas_are_listed() {
        Personas personas = new Personas(dir.resolve("personas"));

        assertThat(personas.list()).extracting(Persona::name).contains("assistant", "coder", "reviewer", "concise");
        assertThat(personas.get("reviewer").source()).isEqualTo(Persona.Source.SHIPPED);
        assertThat(personas.get("reviewer").text()).isNotBlank();
    }

    @Test
    void given_an_override_when_reset_then_the_shipped_text_comes_back() throws Exception {
        Personas personas = new Personas(dir.resolve("personas"));
        String shipped = personas.get("coder").text();

        Persona set = personas.set("coder", "Write Rust only.\n");

        assertThat(set.source()).isEqualTo(Persona.Source.OVERRIDDEN);
        assertThat(personas.get("coder").text()).isEqualTo("Write Rust only.");
        assertThat(Files.readString(dir.resolve("personas/coder.md"))).isEqualTo("Write Rust only.\n");
        assertThat(personas.reset("coder")).get().extracting(Persona::text, Persona::source)
                .containsExactly(shipped, Persona.Source.SHIPPED);
        assertThat(dir.resolve("personas/coder.md")).doesNotExist();
    }

    @Test
    void a_user_persona_is_listed_and_removed_by_reset() {
        Personas personas = new Personas(dir.resolve("personas"));

        personas.set("pirate", "Speak like a pirate.");

        assertThat(personas.list()).extracting(Persona::name).contains("pirate");
        assertThat(personas.get("pirate").source()).isEqualTo(Persona.Source.USER);
        assertThat(personas.reset("pirate")).isEmpty();
        assertThat(personas.find("pirate")).isEmpty();
    }

    @Test
    void writes_leave_no_temporary_files() throws Exception {
        Personas personas = new Personas(dir.resolve("personas"));

        personas.set("a", "one");
        personas.set("a", "two");

        try (var files = Files.list(dir.resolve("personas"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.md");
        }
    }

    @Test
    void bad_names_empty_texts_and_unknown_personas_are_refused_with_the_reason() {
        Personas personas = new Personas(dir.resolve("personas"));

        assertThatThrownBy(() -> personas.set("../etc", "x")).isInstanceOf(BatonException.class)
                .hasMessageContaining("persona name '../etc'");
        assertThatThrownBy(() -> personas.set("ok", "  ")).isInstanceOf(BatonException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> personas.get("nobody")).isInstanceOfSatisfying(BatonException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND)).hasMessageContaining("known: ");
        assertThatThrownBy(() -> personas.reset("nobody")).isInstanceOf(BatonException.class);
    }
}
