package dev.baton.cli;

import java.io.PrintWriter;

/**
 * Prints a streamed answer: as it comes when unstyled; a line at a time, with light Markdown,
 * when styled. {@link #finish()} flushes the last partial line and ends it with a line break.
 */
final class AnswerPrinter {

    private final PrintWriter out;
    private final MarkdownLines markdown;
    private final StringBuilder line = new StringBuilder();
    private boolean atLineStart = true;

    AnswerPrinter(PrintWriter out, boolean styled) {
        this.out = out;
        this.markdown = styled ? new MarkdownLines() : null;
    }

    void text(String delta) {
        if (delta.isEmpty()) return;
        if (markdown == null) {
            out.print(delta);
            atLineStart = delta.endsWith("\n");
        } else {
            for (int i = 0; i < delta.length(); i++) {
                char c = delta.charAt(i);
                if (c == '\n') {
                    out.println(markdown.render(line.toString()));
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        }
        out.flush();
    }

    /** A note on its own line (a tool call, a cancellation), after whatever was printed. */
    void note(String text) {
        endLine();
        out.println(text);
        out.flush();
    }

    void finish() {
        endLine();
        out.flush();
    }

    private void endLine() {
        if (markdown != null && !line.isEmpty()) {
            out.println(markdown.render(line.toString()));
            line.setLength(0);
        } else if (markdown == null && !atLineStart) {
            out.println();
            atLineStart = true;
        }
    }
}
