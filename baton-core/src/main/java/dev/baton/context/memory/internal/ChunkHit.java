package dev.baton.context.memory.internal;

/** A chunk a query found: where it is, its title and text, and its score in the ranking that found it. */
record ChunkHit(int doc, String path, int startLine, int endLine, String title, String text, double score) {

    ChunkHit withScore(double s) {
        return new ChunkHit(doc, path, startLine, endLine, title, text, s);
    }
}
