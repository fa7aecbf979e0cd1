package dev.baton.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static dev.baton.cli.MarkdownLines.BOLD;
import static dev.baton.cli.MarkdownLines.CYAN;
import static dev.baton.cli.MarkdownLines.DIM;
import static dev.baton.cli.MarkdownLines.RESET;
import static org.assertj.core.api.Assertions.assertThat;

class AnswerPrinterTest {

    @Test
    void markdown_lines_are_styled_lightly_and_code_blocks_are_remembered() {
        MarkdownLines md = new MarkdownLines();

        assertThat(md.render("## Title")).isEqualTo(BOLD + "Title" + RESET);
        assertThat(md.render("a **b** and `c`")).isEqualTo("a " + BOLD + "b" + RESET + " and " + CYAN + "c" + RESET);
        assertThat(md.render("- item")).isEqualTo("• item");
        assertThat(md.render("```java")).isEqualTo(DIM + "```java" + RESET);
        assertThat(md.render("# not a heading in code")).isEqualTo(CYAN + "# not a heading in code" + RESET);
        assertThat(md.render("```")).isEqualTo(DIM + "```" + RESET);
        assertThat(md.render("plain $1 \\ text")).isEqualTo("plain $1 \\ text");
    }

    @Test
    void unstyled_text_streams_as_it_comes_and_ends_with_a_line_break() {
        StringWriter out = new StringWriter();
        AnswerPrinter p = new AnswerPrinter(new PrintWriter(out));

        p.text("**one");
        assertThat(out.toString()).isEqualTo("**one");
        p.text(" two**\nthree");
        p.finish();

        assertThat(out.toString()).isEqualTo("**one two**\nthree\n");
    }

    @Test
    void styled_text_streams_raw_then_redraws_a_finished_line_over_the_rows_it_took() {
        StringWriter out = new StringWriter();
        AnswerPrinter p = new AnswerPrinter(new PrintWriter(out), true, () -> 10);

        p.text("a **bold** word");
        assertThat(out.toString()).isEqualTo("a **bold** word");
        p.text("\nplain\n");

        // 15 characters on a 10-column terminal took two rows: up one, back to column 0, clear, redraw
        assertThat(out.toString()).isEqualTo("a **bold** word\r\u001b[1A\u001b[J" + "a " + BOLD + "bold" + RESET + " word"
                + System.lineSeparator() + "plain" + System.lineSeparator());
    }

    @Test
    void a_note_starts_on_its_own_line() {
        StringWriter out = new StringWriter();
        AnswerPrinter p = new AnswerPrinter(new PrintWriter(out));

        p.text("thinking");
        p.note("[tool] read_file ...");

        assertThat(out.toString()).isEqualTo("thinking" + System.lineSeparator() + "[tool] read_file ..." + System.lineSeparator());
    }
}
