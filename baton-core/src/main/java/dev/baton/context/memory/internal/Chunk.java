package dev.baton.context.memory.internal;

/** A piece of a file as indexed: 1-based inclusive lines, the declaration or heading it starts with, its text. */
record Chunk(int startLine, int endLine, String title, String text) {
}
