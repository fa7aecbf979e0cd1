package dev.baton.config.internal;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How one record of the configuration is read from a mapping: its keys, each with the kind of
 * its value, and the record's constructor over the values in key order. Entries are read in
 * document order, so the first problem written is the one reported: an unknown key (with the
 * known ones), a value of the wrong kind, or a value the record's constructor refuses (its
 * message, at the line of the key it names). Explicit code per record, no reflection: reading
 * {@code config.yaml} is on every command's start-up path.
 */
final class RecordShape<R> implements ConfigValue<R> {

    /** One key of the mapping and the kind of its value. */
    record Field(String key, ConfigValue<?> kind) {
    }

    private final List<Field> fields;
    private final Map<String, Integer> slots;
    private final Function<Values, R> construct;
    private final String knownKeys;

    private RecordShape(List<Field> fields, Function<Values, R> construct) {
        this.fields = List.copyOf(fields);
        this.construct = construct;
        Map<String, Integer> s = new java.util.HashMap<>();
        for (int i = 0; i < fields.size(); i++) s.put(fields.get(i).key(), i);
        this.slots = Map.copyOf(s);
        this.knownKeys = " (known keys: " + String.join(", ", new TreeSet<>(s.keySet())) + ")";
    }

    static <R> RecordShape<R> of(Function<Values, R> construct, Field... fields) {
        return new RecordShape<>(List.of(fields), construct);
    }

    static Field field(String key, ConfigValue<?> kind) {
        return new Field(key, kind);
    }

    /** The keys and kinds, in the order of the record's components. */
    List<Field> fields() {
        return fields;
    }

    @Override
    public String expected() {
        return "a mapping";
    }

    @Override
    public R read(YamlNode node, Site site, ConfigReading reading) {
        if (!(node instanceof YamlNode.Mapping m)) throw mismatch(node, site);
        Object[] values = new Object[fields.size()];
        for (YamlNode.Entry e : m.entries()) {
            Integer slot = slots.get(e.key());
            if (slot == null) {
                throw new ConfigProblem(e.line(), -1, "unknown key '" + e.key() + "' in " + site.path().quoted() + knownKeys);
            }
            values[slot] = ConfigValues.nullable(fields.get(slot).kind(), e.value(), site.key(e), reading);
        }
        try {
            return construct.apply(new Values(values));
        } catch (RuntimeException refused) {
            throw refused(m, site, refused);
        }
    }

    /**
     * The record refused a value, e.g. "max_tokens: must be 1 to 8192, got 0": at the line of
     * the key its message names first, else at the record's own key.
     */
    private static ConfigProblem refused(YamlNode.Mapping m, Site site, RuntimeException refused) {
        String why = refused.getMessage() == null ? "a value is missing (null)" : refused.getMessage();
        int line = site.line(m);
        int colon = why.indexOf(':');
        if (colon > 0 && why.substring(0, colon).matches("[a-z_]+")) {
            YamlNode.Entry named = m.entry(why.substring(0, colon));
            if (named != null) line = named.line();
        }
        return new ConfigProblem(line, -1, site.path().quoted() + ": " + why);
    }

    /** The values read, by the position of their key in the shape. */
    static final class Values {
        private final @Nullable Object[] values;

        private Values(@Nullable Object[] values) {
            this.values = values;
        }

        @SuppressWarnings("unchecked")
        <T> T get(int i) {
            return (T) values[i];
        }
    }
}
