package dev.baton.context.memory.internal;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens of memory text with OpenAI's o200k encoding: exact for current OpenAI models and a
 * close enough bound for others when trimming excerpts to a budget. The encoding is built once
 * (immutable, thread-safe) because building it reads a large vocabulary.
 */
final class TokenCount {

    private static final class Holder {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    private TokenCount() {
    }

    static int of(String text) {
        return text.isEmpty() ? 0 : Holder.ENCODING.countTokens(text);
    }
}
