package dev.baton.context.memory;

/**
 * What one update of the file index did: files seen by the walk, files (re)indexed because they
 * are new or their content changed, files whose content was unchanged (by modification time and
 * size, or by content hash after a touch), files removed because they are gone or now ignored,
 * files skipped as binary or too large, the chunks written, and the time it took.
 */
public record IndexStats(int scanned, int indexed, int unchanged, int removed, int skipped, int chunks,
                         long millis) {
}
