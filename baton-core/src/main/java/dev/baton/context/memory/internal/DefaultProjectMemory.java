package dev.baton.context.memory.internal;

import dev.baton.context.memory.Excerpt;
import dev.baton.context.memory.Fact;
import dev.baton.context.memory.FactsResult;
import dev.baton.context.memory.FileSummary;
import dev.baton.context.memory.IndexStats;
import dev.baton.context.memory.MemorySettings;
import dev.baton.context.memory.ProjectMemory;
import dev.baton.context.memory.SearchMode;
import dev.baton.context.memory.SearchResult;
import dev.baton.llm.EmbeddingPurpose;
import dev.baton.llm.EmbeddingRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** {@link ProjectMemory} on a Lucene index of the project's files and the facts table in SQLite. */
public final class DefaultProjectMemory implements ProjectMemory {

    /** How many candidates each ranking contributes before fusion and budgeting. */
    static final int CANDIDATES = 40;
    /** How old the last update may be before a search brings the index up to date first. */
    public static final java.time.Duration REFRESH_AFTER = java.time.Duration.ofSeconds(30);

    private final MemorySettings settings;
    private final MemoryDatabase db;
    private final SqliteFactStore facts;
    private final SummaryCache summaries;
    private final LuceneFileIndex index;
    private final FileSummarizer summarizer;
    private final Clock clock;
    /** When the last update started ({@link Clock#millis()}); 0 before the first. */
    private final AtomicLong lastUpdate = new AtomicLong();

    private DefaultProjectMemory(MemorySettings settings, MemoryDatabase db, LuceneFileIndex index, Clock clock) {
        this.settings = settings;
        this.db = db;
        this.facts = new SqliteFactStore(db, settings.projectRoot().toString());
        this.summaries = new SummaryCache(db);
        this.index = index;
        this.summarizer = new FileSummarizer(settings, summaries, clock);
        this.clock = clock;
    }

    public static DefaultProjectMemory open(MemorySettings settings) {
        return open(settings, Clock.systemUTC());
    }

    static DefaultProjectMemory open(MemorySettings settings, Clock clock) {
        MemoryDatabase db = MemoryDatabase.open(settings.database());
        try {
            LuceneFileIndex index = LuceneFileIndex.open(settings.indexDir(), settings.embedder());
            return new DefaultProjectMemory(settings, db, index, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Override
    public Fact remember(String key, String text, String source) {
        Fact f = new Fact(key, text, source, clock.instant());
        facts.put(f);
        return f;
    }

    @Override
    public boolean forget(String key) {
        Fact.requireValidKey(key);
        return facts.forget(key);
    }

    @Override
    public List<Fact> facts() {
        return facts.list();
    }

    @Override
    public FactsResult facts(List<String> keys, int maxTokens) {
        List<Fact> kept = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        int used = 0;
        for (String key : keys) {
            Optional<Fact> f = facts.get(key);
            if (f.isEmpty()) {
                missing.add(key);
                continue;
            }
            int cost = TokenCount.of(key + ": " + f.get().text() + "\n");
            if (used + cost > maxTokens) {
                omitted.add(key);
                continue;
            }
            used += cost;
            kept.add(f.get());
        }
        return new FactsResult(kept, missing, omitted, used);
    }

    @Override
    public SearchResult search(String query, int maxTokens) {
        if (query.isBlank()) throw new IllegalArgumentException("query: must not be blank");
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens: must be positive, got " + maxTokens);
        refreshIfStale();
        float[] vector = null;
        if (index.hasVectors() && settings.embedder() != null) {
            vector = settings.embedder().embed(EmbeddingRequest.of(List.of(query), EmbeddingPurpose.QUERY))
                    .vectors().getFirst();
        }
        SearchMode mode = mode();
        return index.search(query, vector, CANDIDATES, hits -> ExcerptBudget.fit(query, mode, hits, maxTokens));
    }

    @Override
    public IndexStats reindex() {
        lastUpdate.set(clock.millis());
        try {
            return index.update(ProjectFiles.list(settings.projectRoot(), excluded()), settings.maxFileBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files of " + settings.projectRoot() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Updates the index before a search when it has not been updated for {@link #REFRESH_AFTER}
     * (or ever, in this instance), so a long-lived process (a server, a chat) sees edits without
     * paying for a walk of the project on every search. One search refreshes; the others go on.
     */
    private void refreshIfStale() {
        if (!index.writable()) return; // another process keeps it current; searching what it committed is right
        long last = lastUpdate.get();
        long now = clock.millis();
        if ((last == 0 || now - last >= REFRESH_AFTER.toMillis()) && lastUpdate.compareAndSet(last, now)) reindex();
    }

    private List<java.nio.file.Path> excluded() {
        List<java.nio.file.Path> x = new ArrayList<>(settings.excluded());
        x.add(settings.indexDir().toAbsolutePath().normalize());
        return x;
    }

    @Override
    public FileSummary summary(String path) {
        return summarizer.summary(path);
    }

    @Override
    public SearchMode mode() {
        return index.hasVectors() ? SearchMode.HYBRID : SearchMode.BM25;
    }

    @Override
    public void close() {
        try {
            index.close();
        } finally {
            db.close();
        }
    }

    /** Excerpt budgeting, kept apart so its arithmetic is tested on its own. */
    static final class ExcerptBudget {

        /** Below this many tokens left, a partial excerpt is not worth including. */
        static final int MIN_PARTIAL = 40;

        private ExcerptBudget() {
        }

        static SearchResult fit(String query, SearchMode mode, Iterator<ChunkHit> ranked, int maxTokens) {
            List<Excerpt> out = new ArrayList<>();
            int used = 0;
            boolean truncated = false;
            while (ranked.hasNext()) {
                ChunkHit h = ranked.next();
                if (used + h.tokens() <= maxTokens) {
                    out.add(new Excerpt(h.path(), h.startLine(), h.endLine(), h.title(), h.text(), h.score()));
                    used += h.tokens();
                    continue;
                }
                truncated = true;
                int left = maxTokens - used;
                if (left >= MIN_PARTIAL) {
                    Excerpt cut = cut(h, left);
                    if (cut != null) {
                        out.add(cut);
                        used += TokenCount.of(header(cut.path(), cut.startLine(), cut.endLine(), cut.title()) + cut.text());
                    }
                }
                break;
            }
            return new SearchResult(query, mode, out, used, truncated);
        }

        /** The longest line prefix of the hit that fits in {@code left} tokens, or null when not even one line does. */
        private static Excerpt cut(ChunkHit h, int left) {
            String[] lines = h.text().split("\n", -1);
            StringBuilder text = new StringBuilder();
            Excerpt best = null;
            for (int i = 0; i < lines.length && h.startLine() + i <= h.endLine(); i++) {
                text.append(lines[i]).append('\n');
                int end = h.startLine() + i;
                if (TokenCount.of(header(h.path(), h.startLine(), end, h.title()) + text) > left) break;
                best = new Excerpt(h.path(), h.startLine(), end, h.title(), text.toString(), h.score());
            }
            return best;
        }

        /** The line each excerpt is shown under, counted with it. */
        static String header(String path, int start, int end, String title) {
            return path + ":" + start + "-" + end + (title.isEmpty() ? "" : "  " + title) + "\n";
        }
    }
}
