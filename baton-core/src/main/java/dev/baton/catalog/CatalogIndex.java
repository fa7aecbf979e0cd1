package dev.baton.catalog;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a catalog entry by provider and model id, case-insensitively, trying in order:
 * <ol>
 *   <li>the id as given, against entry ids (which win) and aliases;</li>
 *   <li>the id without a {@code :latest} tag (Ollama's default tag);</li>
 *   <li>the id without a dated snapshot suffix: {@code -2024-08-06} (OpenAI style) or
 *       {@code -20250929} (Anthropic style);</li>
 *   <li>for Bedrock-style ids, the same again ignoring a cross-region prefix
 *       ({@code us.}, {@code eu.}, {@code apac.}, {@code global.}, ...) on either side.</li>
 * </ol>
 */
final class CatalogIndex {

    private static final Pattern DATED = Pattern.compile("^(.+?)-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");
    // Only a prefix followed by a vendor segment ("us.anthropic.") is a region prefix.
    private static final Pattern GEO = Pattern.compile("(?i)^(?:us|eu|apac|jp|au|ca|us-gov|global)\\.(?=[a-z0-9-]+\\.)");
    private static final String LATEST = ":latest";

    private final Map<String, CatalogEntry> exact = new HashMap<>();
    private final Map<String, CatalogEntry> regionless = new HashMap<>();

    CatalogIndex(List<CatalogEntry> entries) {
        // Aliases first, ids after, so an entry's own id always wins over another entry's alias.
        for (CatalogEntry e : entries) {
            for (String alias : e.aliases()) put(e, alias);
        }
        for (CatalogEntry e : entries) put(e, e.model());
    }

    private void put(CatalogEntry entry, String id) {
        exact.put(CatalogAssembler.key(entry.provider(), id), entry);
        regionless.putIfAbsent(CatalogAssembler.key(entry.provider(), stripRegion(id)), entry);
    }

    Optional<CatalogEntry> find(String provider, String model) {
        for (String candidate : variants(model)) {
            CatalogEntry hit = exact.get(CatalogAssembler.key(provider, candidate));
            if (hit != null) return Optional.of(hit);
        }
        String withoutRegion = stripRegion(model);
        for (String candidate : variants(withoutRegion)) {
            CatalogEntry hit = regionless.get(CatalogAssembler.key(provider, candidate));
            if (hit != null) return Optional.of(hit);
        }
        return Optional.empty();
    }

    /** The id, then the id with its tag or date suffix removed, in the order they are tried. */
    static Set<String> variants(String model) {
        Set<String> out = new LinkedHashSet<>();
        out.add(model);
        String untagged = model.endsWith(LATEST) ? model.substring(0, model.length() - LATEST.length()) : model;
        out.add(untagged);
        Matcher dated = DATED.matcher(untagged);
        if (dated.matches()) out.add(dated.group(1));
        return out;
    }

    static String stripRegion(String model) {
        return GEO.matcher(model).replaceFirst("");
    }
}
