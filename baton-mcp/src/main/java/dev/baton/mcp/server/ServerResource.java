package dev.baton.mcp.server;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** A resource at a fixed URI, read on demand, possibly differently for each session. */
public record ServerResource(String uri, String name, String description, String mimeType, Reader reader) {

    public ServerResource {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(reader, "reader");
    }

    /** A resource whose content does not depend on the session reading it. */
    public ServerResource(String uri, String name, String description, String mimeType, Supplier<List<ResourceContent>> reader) {
        this(uri, name, description, mimeType, context -> reader.get());
    }

    /** Reads the resource for the session of {@code context}. */
    @FunctionalInterface
    public interface Reader {
        List<ResourceContent> read(RequestContext context);
    }
}
