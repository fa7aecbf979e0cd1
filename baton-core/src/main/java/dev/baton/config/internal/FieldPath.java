package dev.baton.config.internal;

/**
 * Where a value sits in a configuration document: {@code providers.groq.api_key},
 * {@code profiles.a.fallback[1]}. Immutable; the empty path is the document itself.
 */
final class FieldPath {

    static final FieldPath ROOT = new FieldPath(null, null, -1);

    private final FieldPath parent;
    private final String name;
    private final int index;

    private FieldPath(FieldPath parent, String name, int index) {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    FieldPath key(String key) {
        return new FieldPath(this, key, -1);
    }

    FieldPath index(int i) {
        return new FieldPath(this, null, i);
    }

    boolean isRoot() {
        return parent == null;
    }

    /** Whether the last step is a key (not a list index). */
    boolean endsWithKey() {
        return name != null;
    }

    /** {@code profiles.a.fallback[1]}; empty for the document itself. */
    String plain() {
        if (isRoot()) return "";
        String before = parent.plain();
        if (name == null) return before + "[" + index + "]";
        return before.isEmpty() ? name : before + "." + name;
    }

    /** {@code 'profiles.a.fallback[1]'}, or "the top level" for the document itself. */
    String quoted() {
        return isRoot() ? "the top level" : "'" + plain() + "'";
    }

    @Override
    public String toString() {
        return plain();
    }
}
