package dev.baton.store.internal;

/**
 * Where the SQL of the two stores differs. Everything else (upserts with {@code ON CONFLICT},
 * {@code COALESCE}, {@code ||}, {@code substr}) is written once and runs on both.
 */
enum Dialect {
    SQLITE,
    POSTGRES;

    /** The two-argument maximum: SQLite's scalar {@code MAX}, PostgreSQL's {@code GREATEST}. */
    String greatest() {
        return this == SQLITE ? "MAX" : "GREATEST";
    }

    /** The UTC day ({@code yyyy-MM-dd}) of the epoch-millisecond column {@code column}. */
    String utcDay(String column) {
        return this == SQLITE ? "strftime('%Y-%m-%d', " + column + " / 1000, 'unixepoch')"
                : "to_char(to_timestamp(" + column + " / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
    }

    /** A condition matching {@code column} against a glob ({@code *}, {@code ?}) bound with {@link #globParameter}. */
    String globCondition(String column) {
        return this == SQLITE ? column + " GLOB ?" : column + " LIKE ? ESCAPE '\\'";
    }

    /** The bound value for {@link #globCondition}: the glob itself, or as a LIKE pattern. */
    String globParameter(String glob) {
        if (this == SQLITE) return glob;
        StringBuilder like = new StringBuilder(glob.length() + 8);
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> like.append('%');
                case '?' -> like.append('_');
                case '%', '_', '\\' -> like.append('\\').append(ch);
                default -> like.append(ch);
            }
        }
        return like.toString();
    }
}
