package dev.baton.mcp.server;

import org.jspecify.annotations.Nullable;

/** What a resource holds: text, or a binary blob (base64); exactly one of the two is set. */
public record ResourceContent(String uri, String mimeType, @Nullable String text, @Nullable String blobBase64) {

    public ResourceContent {
        if ((text == null) == (blobBase64 == null)) {
            throw new IllegalArgumentException("resource " + uri + ": exactly one of text and blob must be set");
        }
    }

    public static ResourceContent text(String uri, String mimeType, String text) {
        return new ResourceContent(uri, mimeType, text, null);
    }

    public static ResourceContent blob(String uri, String mimeType, String base64) {
        return new ResourceContent(uri, mimeType, null, base64);
    }
}
