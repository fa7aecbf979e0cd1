package dev.baton.mcp.server;

import java.util.Objects;

/** One piece of content in a tool result or a prompt message. */
public sealed interface Content {

    /** Plain text. */
    record Text(String text) implements Content {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image, base64-encoded. */
    record Image(String base64, String mimeType) implements Content {
    }

    /** Audio, base64-encoded. */
    record Audio(String base64, String mimeType) implements Content {
    }

    /** A resource's contents embedded in place. */
    record Resource(ResourceContent resource) implements Content {
    }

    static Content text(String text) {
        return new Text(text);
    }
}
