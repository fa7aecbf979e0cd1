package dev.baton.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code baton chat} over plain streams, for piped input: each line read is one message or
 * command, no prompt is printed, answers go to stdout unstyled. Ctrl-C keeps the JVM's default
 * (the process ends), as with any filter in a pipe.
 */
final class PlainChatConsole implements ChatConsole {

    private final BufferedReader in;
    private final PrintWriter out;

    PlainChatConsole(InputStream in, PrintWriter out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    @Override
    public String readLine(String prompt) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }

    @Override
    public PrintWriter out() {
        return out;
    }

    @Override
    public boolean styled() {
        return false;
    }

    @Override
    public int width() {
        return 0;
    }

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public AutoCloseable onInterrupt(Runnable handler) {
        return () -> { };
    }

    @Override
    public void close() {
        out.flush();
    }
}
