package dev.baton.context;

/**
 * A piece of project memory offered to a model: where it comes from ({@code source}, e.g. a path
 * with a line range or a fact's key), its text and how relevant retrieval found it (higher is
 * more relevant).
 */
public record Excerpt(String source, String text, double relevance) {
}
