package dev.baton.catalog;

import dev.baton.config.internal.YamlErrors;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.io.InputStream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one catalog file. Unknown keys, wrong types and malformed YAML fail with the file, line,
 * column and field; each entry's starting line is kept so later checks can point at it too.
 */
final class CatalogReader {

    /** A parsed file: where it came from, its contents, and the line each entry starts on. */
    record ParsedFile(String source, CatalogFileSpec spec, List<Integer> entryLines) {
        int lineOf(int index) {
            return index < entryLines.size() ? entryLines.get(index) : -1;
        }
    }

    /** Built on the first YAML file: the bundled catalog is read from its compiled JSON form. */
    private ObjectMapper yamlMapper;

    /**
     * Reads the bundled catalog as {@link BundledCatalogCompiler} wrote it at build time: JSON, and
     * checked then, so it has no line numbers to keep (a fresh process reads it ~5x faster than the
     * YAML it came from), field by field ({@link CompiledCatalogReader}) rather than by binding.
     */
    ParsedFile parseCompiled(InputStream in, String source) throws IOException {
        try (JsonParser p = Compiled.JSON.createParser(in)) {
            return new ParsedFile(source, CompiledCatalogReader.read(p), List.of());
        }
    }

    /** {@link #parseCompiled} as Jackson's record binding reads it: the reference its tests compare with. */
    static CatalogFileSpec bindCompiled(byte[] json) {
        return Compiled.JSON.readValue(json, CatalogFileSpec.class);
    }

    /** {@code spec} in the compiled form {@link #parseCompiled} reads. */
    static byte[] compiled(CatalogFileSpec spec) {
        return Compiled.JSON.writeValueAsBytes(spec);
    }

    private ObjectMapper yaml() {
        if (yamlMapper == null) {
            yamlMapper = YAMLMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                    .build();
        }
        return yamlMapper;
    }

    private static final class Compiled {
        static final ObjectMapper JSON = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
    }

    /** Parses {@code text}; {@code source} names it in errors (a path, or the bundled resource). */
    ParsedFile parse(String text, String source) {
        if (text.isBlank()) return new ParsedFile(source, new CatalogFileSpec(null, null), List.of());
        try {
            CatalogFileSpec spec = yaml().readValue(text, CatalogFileSpec.class);
            if (spec == null) spec = new CatalogFileSpec(null, null);
            return new ParsedFile(source, spec, entryLines(text));
        } catch (UnrecognizedPropertyException e) {
            String message = "unknown key '" + e.getPropertyName() + "' in " + YamlErrors.fieldPath(e) + YamlErrors.knownKeys(e.getKnownPropertyIds());
            int reported = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw error(source, keyLine(text, e.getPropertyName(), reported), message);
        } catch (MismatchedInputException e) {
            throw error(source, e, "wrong type for " + YamlErrors.fieldPath(e) + ": " + YamlErrors.firstLine(e.getOriginalMessage()));
        } catch (JacksonException e) {
            throw error(source, e, YamlErrors.firstLine(e.getOriginalMessage()));
        }
    }

    /** The line of every item of the top-level {@code models} list, in order. */
    private List<Integer> entryLines(String text) {
        List<Integer> lines = new ArrayList<>();
        try (JsonParser p = yaml().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return lines;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("models".equals(name) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        lines.add(p.currentTokenLocation().getLineNr());
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return lines;
    }

    /**
     * The line of the unknown key itself. The YAML parser reports the position after the key's
     * value, which for a value ending a line is the next line; the nearest line at or before it
     * that writes the key is the one the user must fix.
     */
    private static int keyLine(String text, String key, int reported) {
        String[] lines = text.split("\\R", -1);
        Pattern keyPattern = Pattern.compile("(^|[\\s{,])[\"']?" + Pattern.quote(key) + "[\"']?\\s*:");
        for (int i = Math.min(reported, lines.length); i >= 1; i--) {
            if (keyPattern.matcher(lines[i - 1]).find()) return i;
        }
        return reported;
    }

    static BatonException error(String source, int line, String message) {
        String where = line > 0 ? source + ":" + line : source;
        return BatonException.builder(ErrorCode.VALIDATION, where + ": " + message)
                .suggestion("fix the model catalog file " + source)
                .build();
    }

    private static BatonException error(String source, JacksonException e, String message) {
        TokenStreamLocation loc = e.getLocation();
        String where = source;
        if (loc != null && loc.getLineNr() > 0) {
            where += ":" + loc.getLineNr() + (loc.getColumnNr() > 0 ? ":" + loc.getColumnNr() : "");
        }
        return BatonException.builder(ErrorCode.VALIDATION, where + ": " + message)
                .suggestion("fix the model catalog file " + source)
                .cause(e)
                .build();
    }



}
