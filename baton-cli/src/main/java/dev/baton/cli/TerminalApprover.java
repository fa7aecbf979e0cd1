package dev.baton.cli;

import dev.baton.tool.Approver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Asks the person at the terminal whether a tool call may run: {@code y} (this call), {@code n}
 * (deny), {@code a} (always, for this tool in this run). The question goes to stderr, the answer
 * is read from stdin; calls of one round ask one at a time. End of input denies.
 */
final class TerminalApprover implements Approver {

    private static final int MAX_TRIES = 3;

    private final BufferedReader in;
    private final PrintWriter prompt;
    /** A ReentrantLock, not synchronized: the holder blocks on terminal I/O (virtual threads must not pin). */
    private final ReentrantLock asking = new ReentrantLock();

    TerminalApprover(BufferedReader in, PrintWriter prompt) {
        this.in = in;
        this.prompt = prompt;
    }

    /**
     * Whether a person can answer: stdin and stderr (where the question goes) are terminals and
     * the output is not JSON. The launcher tells about stderr ({@code -Dbaton.stderr.tty}); run
     * without it, stdin decides.
     */
    static boolean canAsk(CliEnvironment env, boolean json) {
        if (json || !env.stdinIsTerminal()) return false;
        String stderrTty = System.getProperty("baton.stderr.tty");
        return stderrTty == null || stderrTty.equals("1") || stderrTty.equals("true");
    }

    /** The approver a command uses: this one when a person {@linkplain #canAsk can answer}, else the non-interactive one. */
    static Approver forCommand(CliEnvironment env, boolean json, PrintWriter err) {
        if (!canAsk(env, json)) return new dev.baton.tool.NonInteractiveApprover();
        return new TerminalApprover(new BufferedReader(new java.io.InputStreamReader(env.stdin(),
                java.nio.charset.StandardCharsets.UTF_8)), err);
    }

    @Override
    public Decision decide(Request r) {
        asking.lock();
        try {
            String who = r.agent().isEmpty() ? "" : " for agent '" + r.agent() + "'";
            prompt.println("Tool call" + who + ": " + r.tool() + " (" + r.category().id() + ") " + r.arguments());
            for (int i = 0; i < MAX_TRIES; i++) {
                prompt.print("Allow? [y]es / [n]o / [a]lways for this tool in this run: ");
                prompt.flush();
                String line = in.readLine();
                if (line == null) return Decision.deny("user", "tool '" + r.tool() + "' was not approved (no answer)");
                switch (line.strip().toLowerCase(Locale.ROOT)) {
                    case "y", "yes" -> { return Decision.allow("user"); }
                    case "a", "always" -> { return Decision.allowAlways("user"); }
                    case "n", "no" -> { return Decision.deny("user", "the user denied the call of tool '" + r.tool() + "'"); }
                    default -> prompt.println("Please answer y, n or a.");
                }
            }
            return Decision.deny("user", "tool '" + r.tool() + "' was not approved (no clear answer)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer from the terminal", e);
        } finally {
            asking.unlock();
        }
    }
}
