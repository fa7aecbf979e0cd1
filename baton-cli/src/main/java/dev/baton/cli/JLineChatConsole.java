package dev.baton.cli;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code baton chat} on a terminal through JLine: line editing, a history kept in
 * {@code history_file} (the data directory's {@code chat_history}), Ctrl-C at the prompt as
 * {@link Interrupted}, Ctrl-C while an answer streams delivered to the handler in charge, and
 * styled output unless {@code NO_COLOR} is set.
 */
final class JLineChatConsole implements ChatConsole {

    private final Terminal terminal;
    private final LineReader reader;
    private final boolean colour;

    private JLineChatConsole(Terminal terminal, LineReader reader, boolean colour) {
        this.terminal = terminal;
        this.reader = reader;
        this.colour = colour;
    }

    /** The system terminal with a line reader keeping its history in {@code historyFile}. */
    static JLineChatConsole open(Path historyFile, boolean colour) {
        try {
            Terminal terminal = TerminalBuilder.builder().system(true).name("baton").build();
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("baton")
                    .variable(LineReader.HISTORY_FILE, historyFile)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            return new JLineChatConsole(terminal, reader, colour && !"dumb".equals(terminal.getType()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal", e);
        }
    }

    @Override
    public String readLine(String prompt) {
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException e) {
            throw new Interrupted();
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public PrintWriter out() {
        return terminal.writer();
    }

    /** The terminal, for approvals read while an answer is paused. */
    Terminal terminal() {
        return terminal;
    }

    @Override
    public boolean styled() {
        return colour;
    }

    @Override
    public int width() {
        return terminal.getWidth();
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public AutoCloseable onInterrupt(Runnable handler) {
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> handler.run());
        return () -> terminal.handle(Terminal.Signal.INT, previous);
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
        } catch (IOException ignored) {
            // a history that cannot be saved costs the next session its recall, nothing more
        }
        try {
            terminal.close();
        } catch (IOException ignored) {
            // closing restores the terminal's modes; nothing is left to do if that fails
        }
    }
}
