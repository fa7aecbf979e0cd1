package dev.baton.cli;

import java.io.PrintWriter;
import java.util.function.IntSupplier;

/**
 * Prints a streamed answer as it comes. When styled, each line is redrawn with light Markdown
 * once it is complete: the cursor goes back over the rows the raw line took (the terminal's width
 * says how many) and the styled line replaces it, so a long paragraph still streams word by word.
 * {@link #finish()} completes the last line.
 */
final class AnswerPrinter {

    private static final String CLEAR_TO_END = "\u001b[J";

    private final PrintWriter out;
    private final MarkdownLines markdown;
    private final IntSupplier width;
    private final StringBuilder line = new StringBuilder();

    /** Unstyled: the text as it comes. */
    AnswerPrinter(PrintWriter out) {
        this(out, false, () -> 0);
    }

    AnswerPrinter(PrintWriter out, boolean styled, IntSupplier width) {
        this.out = out;
        this.markdown = styled ? new MarkdownLines() : null;
        this.width = width;
    }

    void text(String delta) {
        if (delta.isEmpty()) return;
        int start = 0;
        for (int i = 0; i < delta.length(); i++) {
            if (delta.charAt(i) != '\n') continue;
            String piece = delta.substring(start, i);
            out.print(piece);
            line.append(piece);
            endLine();
            start = i + 1;
        }
        String rest = delta.substring(start);
        out.print(rest);
        line.append(rest);
        out.flush();
    }

    /** A note on its own line (a tool call, a cancellation), after whatever was printed. */
    void note(String text) {
        if (!line.isEmpty()) endLine();
        out.println(text);
        out.flush();
    }

    void finish() {
        if (!line.isEmpty()) endLine();
        out.flush();
    }

    /** Ends the current line: as printed, or redrawn styled when styling changes it. */
    private void endLine() {
        String raw = line.toString();
        line.setLength(0);
        if (markdown != null) {
            String styled = markdown.render(raw);
            if (!styled.equals(raw)) {
                int columns = Math.max(1, width.getAsInt());
                int rows = Math.max(1, (raw.codePointCount(0, raw.length()) + columns - 1) / columns);
                out.print('\r');
                if (rows > 1) out.print("\u001b[" + (rows - 1) + "A");
                out.print(CLEAR_TO_END);
                out.print(styled);
            }
        }
        out.println();
    }
}
