package dev.baton.mcp.server;

import java.util.List;
import java.util.function.Supplier;

/** A resource at a fixed URI, read on demand. */
public record ServerResource(String uri, String name, String description, String mimeType,
                             Supplier<List<ResourceContent>> reader) {
}
