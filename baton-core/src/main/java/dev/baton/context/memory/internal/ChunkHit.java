package dev.baton.context.memory.internal;

/**
 * A chunk a query found: where it is, its title and text, its score in the ranking that found it,
 * and the tokens it counts when shown (its header line included), counted once at index time.
 */
record ChunkHit(String path, int startLine, int endLine, String title, String text, double score, int tokens) {
}
