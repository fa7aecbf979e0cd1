package dev.baton.cli;

import dev.baton.context.ChatContext;
import dev.baton.context.ChatSession;
import dev.baton.context.Excerpt;
import dev.baton.context.Persona;
import dev.baton.tool.ToolPolicy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The slash commands of {@code baton chat}. */
final class ChatCommands {

    static final String HELP = """
            /help             this list
            /stats            this session's turns, tokens and cost; the last context's size
            /mode manual|trust  tool calls: ask for every call that is not a read | run the --tools tools without asking
            /persona          the persona of the current profile
            /profile NAME     talk to another profile (each profile keeps its own history in this session)
            /reset            forget the current profile's history in this session
            /memory QUERY     search project memory
            /save FILE        write the current profile's history to FILE as Markdown
            /sessions         the stored sessions, newest first
            /exit             leave (Ctrl-D does too)""";

    private static final int SESSIONS_SHOWN = 20;

    private final ChatRepl repl;

    ChatCommands(ChatRepl repl) {
        this.repl = repl;
    }

    /** Runs {@code line}; false when the chat should end. */
    boolean run(String line) {
        String[] parts = line.substring(1).strip().split("\\s+", 2);
        String name = parts[0].toLowerCase(Locale.ROOT);
        String arg = parts.length > 1 ? parts[1].strip() : "";
        switch (name) {
            case "help", "?" -> repl.note(HELP);
            case "stats" -> repl.note(repl.stats.describe(repl.session, repl.profile).stripTrailing());
            case "mode" -> mode(arg);
            case "persona" -> persona();
            case "profile" -> profile(arg);
            case "reset" -> {
                int gone = repl.context.conversations().reset(repl.session, repl.profile);
                repl.note("history of " + repl.profile + " in this session reset (" + gone + " message(s) forgotten)");
            }
            case "memory" -> memory(arg);
            case "save" -> save(arg);
            case "sessions" -> sessions();
            case "exit", "quit" -> {
                return false;
            }
            default -> throw new UsageException("unknown command /" + name + " (/help lists them)");
        }
        return true;
    }

    private void mode(String arg) {
        switch (arg.toLowerCase(Locale.ROOT)) {
            case "manual" -> repl.mode = ToolPolicy.Mode.MANUAL;
            case "trust" -> repl.mode = ToolPolicy.Mode.TRUST;
            case "" -> {
                repl.note("mode: " + (repl.mode == null ? "as configured" : repl.mode.name().toLowerCase(Locale.ROOT)));
                return;
            }
            default -> throw new UsageException("/mode: give manual or trust, not '" + arg + "'");
        }
        repl.note("mode: " + repl.mode.name().toLowerCase(Locale.ROOT)
                + (repl.offered.isEmpty() ? " (no tools offered: start the chat with --tools to use them)" : ""));
    }

    private void persona() {
        Optional<Persona> p = repl.context.personaOf(repl.profile);
        if (p.isEmpty()) {
            repl.note("profile " + repl.profile + " has no persona (set `persona:` on the profile or its provider; "
                    + "`baton personas list` shows them)");
            return;
        }
        repl.note("persona " + p.get().name() + " (" + p.get().source().name().toLowerCase(Locale.ROOT) + "):\n" + p.get().text());
    }

    private void profile(String arg) {
        if (arg.isEmpty()) {
            repl.note("profile: " + repl.profile);
            return;
        }
        var resolved = repl.baton.profile(arg);
        repl.profile = arg;
        repl.note("profile " + arg + " -> " + resolved.modelRef() + " (" + repl.history().size() + " message(s) of history)");
    }

    private void memory(String query) {
        if (query.isEmpty()) throw new UsageException("/memory: give a query, e.g. /memory how are budgets reserved");
        List<Excerpt> found = repl.memory.apply(query);
        if (found.isEmpty()) repl.note("nothing in project memory matches");
        for (Excerpt e : found) repl.note("--- " + e.source() + "\n" + e.text());
    }

    private void save(String file) {
        if (file.isEmpty()) throw new UsageException("/save: give a file name, e.g. /save chat.md");
        Path path = repl.baton.paths().workingDir().resolve(file);
        StringBuilder md = new StringBuilder("# Chat " + repl.session + " (" + repl.profile + ")\n\n");
        md.append(ChatContext.transcript(repl.history()));
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(path, md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("/save: cannot write " + file + ": " + e.getMessage());
        }
        repl.note("saved to " + path);
    }

    private void sessions() {
        List<ChatSession> all = repl.context.conversations().list(SESSIONS_SHOWN);
        if (all.isEmpty()) repl.note("no stored sessions");
        for (ChatSession s : all) {
            String profiles = s.messagesByProfile().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(", "));
            repl.note((s.id().equals(repl.session) ? "* " : "  ") + s.id() + "  " + s.updated() + "  "
                    + (profiles.isEmpty() ? "(empty)" : profiles));
        }
    }
}
