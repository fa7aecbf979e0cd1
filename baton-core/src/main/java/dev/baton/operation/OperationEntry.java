package dev.baton.operation;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;

/**
 * An operation as found: its handler, where it came from ({@code java} for a handler registered on
 * the builder, {@code project} or {@code user} for a definition file), the file and line of a
 * declarative one, and whether an entry found earlier has the same id (Java handlers first, then
 * the project tier, then the user tier), which makes this one unreachable.
 */
public record OperationEntry(OperationHandler handler, String source, @Nullable Path file, int line, boolean shadowed) {

    public static final String JAVA = "java";
    public static final String PROJECT = "project";
    public static final String USER = "user";

    public String id() {
        return handler.definition().id();
    }

    public OperationDefinition definition() {
        return handler.definition();
    }

    public OperationEntry asShadowed() {
        return new OperationEntry(handler, source, file, line, true);
    }
}
