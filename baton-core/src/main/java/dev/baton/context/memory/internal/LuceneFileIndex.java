package dev.baton.context.memory.internal;

import dev.baton.context.memory.IndexStats;
import dev.baton.llm.EmbeddingModel;
import dev.baton.llm.EmbeddingPurpose;
import dev.baton.llm.EmbeddingRequest;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.function.Function;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The on-disk Lucene index of one project's files: a document per chunk (path, title, text, line
 * range, and a vector when an embedding model is set) and one per file (modification time, size,
 * content hash) from which an update decides what changed. An update re-reads only files whose
 * time or size moved, re-indexes only those whose hash changed, and removes files that are gone;
 * it commits once at the end and refreshes the searcher. Searches run concurrently with an update
 * and see the last commit. Updates run one at a time.
 */
final class LuceneFileIndex implements AutoCloseable {

    /** Bumped when the document layout changes: an index of another version is rebuilt. */
    static final String FORMAT = "2";
    private static final int EMBED_BATCH = 32;
    private static final int EMBED_CHARS = 4000;
    /**
     * Lucene warns on every start that the JDK's incubating Vector API is not enabled. Enabling it
     * would print the JDK's own incubator warning on every command instead, and Lucene's scalar code
     * is fast enough here (PERFORMANCE.md §16), so the warning is kept off users' terminals. Held
     * strongly: java.util.logging keeps loggers weakly, and a collected one forgets its level.
     */
    private static final java.util.logging.Logger VECTORIZATION_LOG = quiet("org.apache.lucene.internal.vectorization");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    private record FileState(long modifiedMs, long size, String hash, boolean skipped) {
    }

    private final Directory directory;
    private final @Nullable IndexWriter writer;
    private final SearcherManager searchers;
    private final @Nullable EmbeddingModel embedder;
    private final String embedderId;
    private final Analyzer queryAnalyzer = new CodeAnalyzer(false);
    private final Map<String, FileState> files = new ConcurrentHashMap<>();
    private final ReentrantLock updating = new ReentrantLock();

    private LuceneFileIndex(Directory directory, @Nullable IndexWriter writer, SearcherManager searchers,
                            @Nullable EmbeddingModel embedder, String embedderId) {
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.embedder = embedder;
        this.embedderId = embedderId;
    }

    /**
     * Opens (creating) the index in {@code folder}. An index built with another layout or another
     * embedding model is emptied, so the next update rebuilds it. When another process holds the
     * index, it is opened read-only: searches work, updates fail with a clear message.
     */
    static LuceneFileIndex open(Path folder, @Nullable EmbeddingModel embedder) {
        String embedderId = embedder == null ? "" : embedder.info().provider() + "/" + embedder.info().model();
        try {
            Files.createDirectories(folder);
            Directory dir = FSDirectory.open(folder);
            IndexWriter writer;
            try {
                writer = new IndexWriter(dir, new IndexWriterConfig(indexAnalyzer())
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            } catch (LockObtainFailedException e) {
                if (!DirectoryReader.indexExists(dir)) {
                    dir.close();
                    throw new IllegalStateException("the memory index " + folder + " is locked by another process", e);
                }
                LuceneFileIndex ro = new LuceneFileIndex(dir, null, new SearcherManager(dir, null), embedder, embedderId);
                ro.loadFileStates();
                return ro;
            }
            Map<String, String> data = new HashMap<>();
            writer.getLiveCommitData().forEach(en -> data.put(en.getKey(), en.getValue()));
            boolean compatible = FORMAT.equals(data.get("format")) && embedderId.equals(data.getOrDefault("embedder", ""));
            if (!compatible) {
                writer.deleteAll();
                writer.setLiveCommitData(Map.of("format", FORMAT, "embedder", embedderId).entrySet());
                writer.commit();
            }
            LuceneFileIndex index = new LuceneFileIndex(dir, writer, new SearcherManager(writer, null), embedder, embedderId);
            index.loadFileStates();
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the memory index " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Analyzer indexAnalyzer() {
        return new CodeAnalyzer(true);
    }

    private void loadFileStates() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            StoredFields stored = s.getIndexReader().storedFields();
            ScoreDoc[] docs = s.search(new TermQuery(new Term("type", "file")), Math.max(1, s.getIndexReader().maxDoc())).scoreDocs;
            for (ScoreDoc d : docs) {
                Document doc = stored.document(d.doc);
                files.put(doc.get("path"), new FileState(doc.getField("mtime").numericValue().longValue(),
                        doc.getField("size").numericValue().longValue(), doc.get("hash"),
                        doc.getField("skipped").numericValue().intValue() == 1));
            }
        } finally {
            searchers.release(s);
        }
    }

    /** Brings the index in line with {@code current} (the project's files now); see the class comment. */
    IndexStats update(Map<String, ProjectFiles.Entry> current, long maxFileBytes) {
        if (writer == null) throw new IllegalStateException("the memory index is open read-only: another process holds it");
        updating.lock();
        long start = System.nanoTime();
        try {
            int indexed = 0, unchanged = 0, removed = 0, skipped = 0, chunks = 0;
            for (String gone : new ArrayList<>(files.keySet())) {
                if (!current.containsKey(gone)) {
                    writer.deleteDocuments(new Term("path", gone));
                    files.remove(gone);
                    removed++;
                }
            }
            for (ProjectFiles.Entry e : current.values()) {
                FileState old = files.get(e.path());
                if (old != null && old.modifiedMs() == e.modifiedMs() && old.size() == e.size()) {
                    if (old.skipped()) skipped++;
                    else unchanged++;
                    continue;
                }
                if (e.size() > maxFileBytes) {
                    replace(e, new FileState(e.modifiedMs(), e.size(), "", true), List.of(), null);
                    skipped++;
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(e.file());
                } catch (IOException gone) {
                    continue; // deleted or unreadable since the walk: the next update sees it
                }
                String hash = FileContent.sha256(bytes);
                if (old != null && old.hash().equals(hash)) {
                    // touched, not changed: remember the new time so the next update skips the read
                    replace(e, new FileState(e.modifiedMs(), e.size(), hash, old.skipped()), null, null);
                    if (old.skipped()) skipped++;
                    else unchanged++;
                    continue;
                }
                String text = FileContent.text(bytes);
                if (text == null) {
                    replace(e, new FileState(e.modifiedMs(), e.size(), hash, true), List.of(), null);
                    skipped++;
                    continue;
                }
                List<Chunk> cs = Chunker.chunks(e.path(), text);
                replace(e, new FileState(e.modifiedMs(), e.size(), hash, false), cs, vectors(e.path(), cs));
                indexed++;
                chunks += cs.size();
            }
            writer.setLiveCommitData(Map.of("format", FORMAT, "embedder", embedderId).entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
            return new IndexStats(current.size(), indexed, unchanged, removed, skipped, chunks,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException ex) {
            throw new UncheckedIOException("updating the memory index failed: " + ex.getMessage(), ex);
        } finally {
            updating.unlock();
        }
    }

    /**
     * Replaces a file's documents. {@code chunks} null keeps its chunks and rewrites only the file
     * document (a touched, unchanged file); an empty list leaves it with none (skipped).
     */
    private void replace(ProjectFiles.Entry e, FileState state, @Nullable List<Chunk> chunks,
                         @Nullable List<float[]> vectors) throws IOException {
        if (chunks == null) {
            writer.updateDocument(new Term("file_id", e.path()), fileDoc(e.path(), state));
        } else {
            writer.deleteDocuments(new Term("path", e.path()));
            for (int i = 0; i < chunks.size(); i++) {
                writer.addDocument(chunkDoc(e.path(), chunks.get(i), vectors == null ? null : vectors.get(i)));
            }
            writer.addDocument(fileDoc(e.path(), state));
        }
        files.put(e.path(), state);
    }

    private @Nullable List<float[]> vectors(String path, List<Chunk> chunks) {
        if (embedder == null || chunks.isEmpty()) return null;
        List<float[]> out = new ArrayList<>(chunks.size());
        for (int from = 0; from < chunks.size(); from += EMBED_BATCH) {
            List<String> texts = new ArrayList<>();
            for (Chunk c : chunks.subList(from, Math.min(chunks.size(), from + EMBED_BATCH))) {
                String t = path + "\n" + c.title() + "\n" + c.text();
                texts.add(t.length() > EMBED_CHARS ? t.substring(0, EMBED_CHARS) : t);
            }
            out.addAll(embedder.embed(EmbeddingRequest.of(texts, EmbeddingPurpose.DOCUMENT)).vectors());
        }
        return out;
    }

    private static Document fileDoc(String path, FileState s) {
        Document d = new Document();
        d.add(new StringField("type", "file", Field.Store.NO));
        d.add(new StringField("path", path, Field.Store.YES));
        d.add(new StringField("file_id", path, Field.Store.NO));
        d.add(new StoredField("mtime", s.modifiedMs()));
        d.add(new StoredField("size", s.size()));
        d.add(new StoredField("hash", s.hash()));
        d.add(new StoredField("skipped", s.skipped() ? 1 : 0));
        return d;
    }

    private static Document chunkDoc(String path, Chunk c, float @Nullable [] vector) {
        Document d = new Document();
        d.add(new StringField("type", "chunk", Field.Store.NO));
        d.add(new StringField("path", path, Field.Store.YES));
        d.add(new TextField("path_text", path, Field.Store.NO));
        d.add(new TextField("title", c.title(), Field.Store.YES));
        d.add(new TextField("body", c.text(), Field.Store.YES));
        d.add(new StoredField("start", c.startLine()));
        d.add(new StoredField("end", c.endLine()));
        // counted here, once, so a search only reads the count of the excerpts it returns
        d.add(new StoredField("tokens", TokenCount.of(
                DefaultProjectMemory.ExcerptBudget.header(path, c.startLine(), c.endLine(), c.title()) + c.text())));
        if (vector != null) d.add(new KnnFloatVectorField("vec", normalized(vector), VectorSimilarityFunction.DOT_PRODUCT));
        return d;
    }

    /** Unit length, so the dot product is the cosine and Lucene's DOT_PRODUCT check holds. */
    static float[] normalized(float[] v) {
        double sum = 0;
        for (float x : v) sum += (double) x * x;
        float[] out = v.clone();
        if (sum == 0) return out;
        float inv = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < out.length; i++) out[i] *= inv;
        return out;
    }

    /** False when another process holds the index: it can be searched, not updated. */
    boolean writable() {
        return writer != null;
    }

    boolean hasVectors() {
        return embedder != null;
    }

    /**
     * Ranks chunks for {@code query} by BM25 over text, titles (x2) and paths (x1.5), fused by
     * reciprocal rank with the {@code k} nearest to {@code vector} when one is given, and hands
     * them, best first, to {@code consumer}, which reads as many as it needs: stored fields are
     * loaded only for the chunks it takes. The searcher stays the same throughout.
     */
    <T> T search(String query, float @Nullable [] vector, int k, Function<Iterator<ChunkHit>, T> consumer) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                List<Ranked> ranked = bm25(s, query, k);
                if (vector != null && embedder != null) {
                    ranked = RankFusion.fuse(List.of(ranked, ranks(s, new KnnFloatVectorQuery("vec", normalized(vector), k), k)));
                }
                StoredFields stored = s.getIndexReader().storedFields();
                Iterator<Ranked> it = ranked.iterator();
                return consumer.apply(new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public ChunkHit next() {
                        return hit(stored, it.next());
                    }
                });
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("searching the memory index failed: " + e.getMessage(), e);
        }
    }

    private List<Ranked> bm25(IndexSearcher s, String query, int k) throws IOException {
        Set<String> terms = terms(query);
        if (terms.isEmpty()) return List.of();
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) {
            b.add(new TermQuery(new Term("body", t)), BooleanClause.Occur.SHOULD);
            b.add(new BoostQuery(new TermQuery(new Term("title", t)), 2f), BooleanClause.Occur.SHOULD);
            b.add(new BoostQuery(new TermQuery(new Term("path_text", t)), 1.5f), BooleanClause.Occur.SHOULD);
        }
        return ranks(s, b.build(), k);
    }

    private static List<Ranked> ranks(IndexSearcher s, Query q, int k) throws IOException {
        List<Ranked> out = new ArrayList<>();
        for (ScoreDoc d : s.search(q, k).scoreDocs) out.add(new Ranked(d.doc, d.score));
        return out;
    }

    private static ChunkHit hit(StoredFields stored, Ranked r) {
        try {
            Document doc = stored.document(r.doc());
            return new ChunkHit(doc.get("path"), doc.getField("start").numericValue().intValue(),
                    doc.getField("end").numericValue().intValue(), doc.get("title"), doc.get("body"), r.score(),
                    doc.getField("tokens").numericValue().intValue());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the memory index failed: " + e.getMessage(), e);
        }
    }

    /** The query's distinct analysed terms. */
    Set<String> terms(String query) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = queryAnalyzer.tokenStream("body", query)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** How many files the index knows (indexed or skipped). */
    int fileCount() {
        return files.size();
    }

    /** The content hash of an indexed file, if known. */
    @Nullable String hashOf(String path) {
        FileState s = files.get(path);
        return s == null ? null : s.hash();
    }

    @Override
    public void close() {
        try {
            searchers.close();
            if (writer != null) writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the memory index failed: " + e.getMessage(), e);
        }
    }
}
