package dev.baton.mcp.server;

import java.util.List;
import java.util.Map;

/**
 * Resources whose URIs match a template with {@code {variable}} parts (RFC 6570 level 1), such as
 * {@code baton://artifact/{ensemble}/{id}}; the reader gets the URI asked for and its variables.
 */
public record ServerResourceTemplate(String uriTemplate, String name, String description, String mimeType,
                                     Reader reader) {

    /** Reads the resource at {@code uri}, whose template variables are {@code variables}. */
    @FunctionalInterface
    public interface Reader {
        List<ResourceContent> read(String uri, Map<String, String> variables);
    }
}
