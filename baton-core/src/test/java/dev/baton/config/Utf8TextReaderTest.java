package dev.baton.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Utf8TextReaderTest {

    @TempDir
    Path tmp;

    @Test
    void utf8_text_is_read_as_is() throws Exception {
        Path file = tmp.resolve("ok.txt");
        Files.writeString(file, "héllo – ✓\n", StandardCharsets.UTF_8);
        assertThat(Utf8TextReader.readFile(file, 100)).isEqualTo("héllo – ✓\n");
    }

    @Test
    void a_truncated_multibyte_sequence_is_refused_at_its_first_byte() {
        byte[] bytes = {'o', 'k', '\n', 'x', (byte) 0xE2, (byte) 0x80};
        assertThatThrownBy(() -> Utf8TextReader.decode(bytes, "standard input"))
                .isInstanceOf(UnreadableTextException.class)
                .hasMessage("standard input: not UTF-8 text (byte 0xE2 at byte offset 4, line 2)")
                .satisfies(e -> assertThat(((UnreadableTextException) e).problem()).startsWith("not UTF-8 text"));
    }

    @Test
    void a_file_over_the_limit_is_refused_with_its_size_and_the_limit() throws Exception {
        Path file = tmp.resolve("big.yaml");
        Files.write(file, new byte[2048]);
        assertThatThrownBy(() -> Utf8TextReader.readFile(file, 1024))
                .hasMessage(file + ": too large: 2048 bytes, over the limit of 1024 bytes");
    }

    @Test
    void a_missing_file_and_a_directory_are_named() {
        assertThatThrownBy(() -> Utf8TextReader.readFile(tmp.resolve("nope.yaml"), 10))
                .hasMessage(tmp.resolve("nope.yaml") + ": no such file");
        assertThatThrownBy(() -> Utf8TextReader.readFile(tmp, 10))
                .hasMessage(tmp + ": is a directory, not a file");
    }
}
