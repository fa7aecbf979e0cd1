package dev.baton.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plaintext inside {@code credentials.enc}: JSON
 * {@code {"version":1,"credentials":{"openai":{"key":"...","added_at":"2026-01-01T00:00:00Z"}}}}.
 * Exists only in memory; {@code toString()} never shows a key.
 */
record CredentialsDocument(int version, Map<String, Entry> credentials) {

    static final int CURRENT_VERSION = 1;

    CredentialsDocument {
        credentials = credentials == null ? Map.of() : new TreeMap<>(credentials);
    }

    static CredentialsDocument empty() {
        return new CredentialsDocument(CURRENT_VERSION, Map.of());
    }

    CredentialsDocument with(String provider, Entry entry) {
        Map<String, Entry> copy = new TreeMap<>(credentials);
        copy.put(provider, entry);
        return new CredentialsDocument(CURRENT_VERSION, copy);
    }

    CredentialsDocument without(String provider) {
        Map<String, Entry> copy = new TreeMap<>(credentials);
        copy.remove(provider);
        return new CredentialsDocument(CURRENT_VERSION, copy);
    }

    @Override
    public String toString() {
        return "CredentialsDocument[version=" + version + ", providers=" + credentials.keySet() + "]";
    }

    /** One stored key. */
    record Entry(String key, @JsonProperty("added_at") Instant addedAt) {
        @Override
        public String toString() {
            return "Entry[key=****, addedAt=" + addedAt + "]";
        }
    }
}
