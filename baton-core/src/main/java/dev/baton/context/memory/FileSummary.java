package dev.baton.context.memory;

/**
 * A model-written summary of one project file: the path, the SHA-256 of the content it
 * summarises, the profile that wrote it, the text, and whether it came from the cache.
 */
public record FileSummary(String path, String contentHash, String profile, String text, boolean cached) {
}
