package dev.baton.cli;

import java.io.PrintWriter;

/**
 * Where {@code baton chat} reads lines and writes answers: a JLine terminal (line editing,
 * history, Ctrl-C as a signal, colour) or plain streams (piped input, read line by line).
 */
interface ChatConsole extends AutoCloseable {

    /** Ctrl-C at the prompt. */
    final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }

    /**
     * The next line typed after {@code prompt}, or null at end of input.
     *
     * @throws Interrupted when Ctrl-C is pressed at the prompt
     */
    String readLine(String prompt);

    /** Where answers go. */
    PrintWriter out();

    /** Whether output may carry colour and Markdown styling. */
    boolean styled();

    /** The terminal's width in columns (0 when unknown). */
    int width();

    /** Whether a person is at the other end (prompts, approvals, Ctrl-C). */
    boolean interactive();

    /** Runs {@code handler} on Ctrl-C while an answer streams (the previous handler comes back on close of the returned handle). */
    AutoCloseable onInterrupt(Runnable handler);

    @Override
    void close();
}
