package dev.baton.context.memory.internal;

import dev.baton.context.memory.FileSummary;
import dev.baton.context.memory.MemorySettings;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Summaries of project files written by the summary profile's model, cached by content hash and
 * profile: asking again for an unchanged file costs nothing, a changed file is summarised anew.
 */
final class FileSummarizer {

    /** Files are cut to this many characters before being sent (about 12k tokens). */
    static final int MAX_CHARS = 48_000;

    private static final String SYSTEM = "You summarise one source or documentation file of a software project for "
            + "other engineers and for retrieval. In at most 12 short lines say what the file is for, its main "
            + "types/functions/sections and how it relates to the rest of the project. No preamble.";

    private final MemorySettings settings;
    private final SummaryCache cache;
    private final Clock clock;

    FileSummarizer(MemorySettings settings, SummaryCache cache, Clock clock) {
        this.settings = settings;
        this.cache = cache;
        this.clock = clock;
    }

    FileSummary summary(String path) {
        ChatModel model = settings.summarizer();
        String profile = settings.summaryProfile();
        if (model == null || profile == null) {
            throw new IllegalStateException("no summary profile is configured (set memory.summary_profile in config.yaml)");
        }
        Path root = settings.projectRoot();
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("path: '" + path + "' is not a file in the project " + root);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String text = FileContent.text(bytes);
        if (text == null) throw new IllegalArgumentException("path: '" + path + "' is binary or not UTF-8");
        String rel = root.relativize(file).toString().replace('\\', '/');
        String hash = FileContent.sha256(bytes);
        Optional<String> cached = cache.get(hash, profile);
        if (cached.isPresent()) return new FileSummary(rel, hash, profile, cached.get(), true);
        String body = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "\n[... cut ...]\n" : text;
        String answer = model.chat(ChatRequest.builder().system(SYSTEM)
                .user("File: " + rel + "\n\n" + body).build()).text().strip();
        cache.put(hash, profile, answer, clock.millis());
        return new FileSummary(rel, hash, profile, answer, false);
    }
}
