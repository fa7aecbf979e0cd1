package dev.baton.context.memory.internal;

/** A document of the index and its score in one ranking (or the fused score). */
record Ranked(int doc, double score) {
}
