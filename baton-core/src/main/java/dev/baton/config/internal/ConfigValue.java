package dev.baton.config.internal;

/**
 * How one kind of configuration value is read from a {@link YamlNode}: a string, a number, a
 * list, a record... {@code null} nodes are never passed in (an unset value is null for every
 * kind). A value of the wrong kind is a {@link ConfigProblem} naming the field.
 */
interface ConfigValue<T> {

    T read(YamlNode node, Site site, ConfigReading reading);

    /** What the value must be, for "must be ...": "a string", "a whole number", "a mapping". */
    String expected();

    /**
     * Where a value was written: its path and the line of its key (-1 for a list element or the
     * document itself, which have none). Errors about the value point at the key's line, and at
     * the value's column when it stands on that line.
     */
    record Site(FieldPath path, int keyLine) {

        static final Site ROOT = new Site(FieldPath.ROOT, -1);

        Site key(YamlNode.Entry entry) {
            return new Site(path.key(entry.key()), entry.line());
        }

        Site index(int i) {
            return new Site(path.index(i), -1);
        }

        int line(YamlNode value) {
            return keyLine > 0 ? keyLine : value.line();
        }

        int column(YamlNode value) {
            return keyLine <= 0 || value.line() == keyLine ? value.column() : -1;
        }

        /** "field 'x' must be a string, found a mapping" at this site. */
        ConfigProblem mismatch(YamlNode value, String expected, String found) {
            return new ConfigProblem(line(value), column(value), (path.isRoot() ? "the top level" : "field " + path.quoted())
                    + " must be " + expected + ", found " + found);
        }
    }

    /** A value of the wrong kind: "must be {@link #expected()}, found a list". */
    default ConfigProblem mismatch(YamlNode node, Site site) {
        return site.mismatch(node, expected(), YamlNode.kind(node));
    }
}
