package dev.baton.config.internal;

import dev.baton.config.Utf8TextReader;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The bounds every configuration and ensemble YAML document is read under: at most
 * {@link Utf8TextReader#MAX_YAML_BYTES} of text and {@link #MAX_NESTING_DEPTH} levels of nesting.
 * Aliases ({@code *name}) are refused by the readers, so an alias bomb expands nothing.
 */
public final class YamlLimits {

    /** Mappings and lists nested deeper than this are refused (a real ensemble or config nests < 20). */
    public static final int MAX_NESTING_DEPTH = 100;

    private YamlLimits() {
    }

    /** A YAML mapper builder whose parser enforces the limits. */
    public static YAMLMapper.Builder mapperBuilder() {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxDocumentLength(Utf8TextReader.MAX_YAML_BYTES)
                .build();
        // rebuild() of the default factory keeps its read defaults (an empty value is null);
        // YAMLFactory.builder() starts from different ones and reads it as ""
        return YAMLMapper.builder(new YAMLFactory().rebuild().streamReadConstraints(constraints).build());
    }

    /**
     * Null when {@code text} is within the size limit, else the reason it is not. UTF-8 needs at
     * least one byte per character, so more characters than the byte limit is over it for sure.
     */
    public static String oversize(String text) {
        if (text.length() <= Utf8TextReader.MAX_YAML_BYTES) return null;
        return "too large: " + text.length() + " characters, over the limit of "
                + Utf8TextReader.describeLimit(Utf8TextReader.MAX_YAML_BYTES) + " for YAML files";
    }
}
