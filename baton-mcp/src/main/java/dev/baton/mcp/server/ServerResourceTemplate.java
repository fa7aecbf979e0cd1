package dev.baton.mcp.server;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resources whose URIs match a template with {@code {variable}} parts (RFC 6570 level 1), such as
 * {@code baton://artifact/{ensemble}/{id}}; the reader gets the session asking, the URI asked for
 * and its variables.
 */
public record ServerResourceTemplate(String uriTemplate, String name, String description, String mimeType,
                                     SessionReader reader) {

    public ServerResourceTemplate {
        Objects.requireNonNull(uriTemplate, "uriTemplate");
        Objects.requireNonNull(reader, "reader");
    }

    /** A template whose resources do not depend on the session reading them. */
    public ServerResourceTemplate(String uriTemplate, String name, String description, String mimeType, Reader reader) {
        this(uriTemplate, name, description, mimeType, (context, uri, variables) -> reader.read(uri, variables));
    }

    /** Reads the resource at {@code uri}, whose template variables are {@code variables}, for the session of {@code context}. */
    @FunctionalInterface
    public interface SessionReader {
        List<ResourceContent> read(RequestContext context, String uri, Map<String, String> variables);
    }

    /** Reads the resource at {@code uri}, whose template variables are {@code variables}, the same for every session. */
    @FunctionalInterface
    public interface Reader {
        List<ResourceContent> read(String uri, Map<String, String> variables);
    }
}
