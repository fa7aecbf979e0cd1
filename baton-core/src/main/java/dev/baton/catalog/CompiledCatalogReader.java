package dev.baton.catalog;

import dev.baton.llm.Capability;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bundled catalog in the compiled JSON form {@link BundledCatalogCompiler} wrote at
 * build time, field by field over the token stream. Jackson's reflective binding of the three
 * spec records generated method handles and annotation proxies at run time (no start-up cache
 * holds them) on the path of every command's first profile resolution. The file was checked when
 * it was compiled; a key this reader does not know means the jar and the reader disagree, an
 * {@link IllegalStateException}. {@code CompiledCatalogReaderTest} compares it with the binding.
 */
final class CompiledCatalogReader {

    private CompiledCatalogReader() {
    }

    static CatalogFileSpec read(JsonParser p) {
        expect(p, p.nextToken(), JsonToken.START_OBJECT);
        LocalDate pricesAsOf = null;
        List<CatalogFileSpec.EntrySpec> models = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            switch (key) {
                case "prices_as_of" -> pricesAsOf = date(p, value);
                case "models" -> models = entries(p, value);
                default -> throw unknown(key);
            }
        }
        return new CatalogFileSpec(pricesAsOf, models);
    }

    private static List<CatalogFileSpec.EntrySpec> entries(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_ARRAY);
        List<CatalogFileSpec.EntrySpec> out = new ArrayList<>();
        for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) out.add(entry(p, item));
        return out;
    }

    private static CatalogFileSpec.EntrySpec entry(JsonParser p, JsonToken t) {
        expect(p, t, JsonToken.START_OBJECT);
        String provider = null, kind = null, model = null, description = null;
        List<String> aliases = null;
        Integer contextWindow = null, maxOutputTokens = null;
        List<Capability> capabilities = null;
        CatalogFileSpec.PricesSpec prices = null;
        LocalDate pricesAsOf = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            switch (key) {
                case "provider" -> provider = string(p, value);
                case "kind" -> kind = string(p, value);
                case "model" -> model = string(p, value);
                case "aliases" -> aliases = strings(p, value);
                case "context_window" -> contextWindow = integer(p, value);
                case "max_output_tokens" -> maxOutputTokens = integer(p, value);
                case "capabilities" -> capabilities = capabilities(p, value);
                case "prices" -> prices = prices(p, value);
                case "prices_as_of" -> pricesAsOf = date(p, value);
                case "description" -> description = string(p, value);
                default -> throw unknown(key);
            }
        }
        return new CatalogFileSpec.EntrySpec(provider, kind, model, aliases, contextWindow, maxOutputTokens, capabilities,
                prices, pricesAsOf, description);
    }

    private static CatalogFileSpec.PricesSpec prices(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_OBJECT);
        BigDecimal input = null, cachedInput = null, output = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            switch (key) {
                case "input" -> input = decimal(p, value);
                case "cached_input" -> cachedInput = decimal(p, value);
                case "output" -> output = decimal(p, value);
                default -> throw unknown(key);
            }
        }
        return new CatalogFileSpec.PricesSpec(input, cachedInput, output);
    }

    private static List<String> strings(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_ARRAY);
        List<String> out = new ArrayList<>();
        for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) out.add(string(p, item));
        return out;
    }

    private static List<Capability> capabilities(JsonParser p, JsonToken t) {
        List<String> names = strings(p, t);
        if (names == null) return null;
        List<Capability> out = new ArrayList<>(names.size());
        for (String name : names) out.add(name == null ? null : Capability.valueOf(name));
        return out;
    }

    private static String string(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.VALUE_STRING);
        return p.getString();
    }

    private static Integer integer(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.VALUE_NUMBER_INT);
        return p.getIntValue();
    }

    private static BigDecimal decimal(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.VALUE_NUMBER_INT) expect(p, t, JsonToken.VALUE_NUMBER_FLOAT);
        return p.getDecimalValue();
    }

    private static LocalDate date(JsonParser p, JsonToken t) {
        String text = string(p, t);
        return text == null ? null : LocalDate.parse(text);
    }

    private static void expect(JsonParser p, JsonToken found, JsonToken wanted) {
        if (found != wanted) {
            throw new IllegalStateException("compiled model catalog: expected " + wanted + " at '" + p.currentName()
                    + "', found " + found + " (rebuild: the jar and its catalog disagree)");
        }
    }

    private static IllegalStateException unknown(String key) {
        return new IllegalStateException("compiled model catalog: unknown key '" + key + "' (rebuild: the jar and its catalog disagree)");
    }
}
