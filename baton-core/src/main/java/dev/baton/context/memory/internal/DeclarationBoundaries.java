package dev.baton.context.memory.internal;

import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where declarations start in one family of languages, by line shape alone (no parser): a
 * pattern for a declaration line at top level or one level in (types, functions, methods), and a
 * pattern for the lines that lead into one (doc comments, comments, annotations, decorators).
 * Lines indented deeper are statements inside bodies and never start a chunk.
 */
record DeclarationBoundaries(Pattern declaration, Pattern lead) {

    private static final String MODS = "(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed"
            + "|synchronized|native|default|override|open|internal|data|inline|suspend|async|export|declare|partial"
            + "|virtual|readonly|unsafe|const|extern)\\s+)*";

    private static final Pattern C_STYLE_LEAD = Pattern.compile("^\\s*(?:/\\*\\*?|\\*|//|@[A-Za-z]|\\[[A-Z]).*");

    private static final DeclarationBoundaries JVM = new DeclarationBoundaries(Pattern.compile(
            "^(?: {0,4}|\\t?)" + MODS + "(?:(?:class|interface|enum|record|object|trait|fun|def|val|var|@interface)\\s+[A-Za-z_]"
                    + "|(?!return\\b|new\\b|else\\b|throw\\b)[A-Za-z_][\\w<>\\[\\],.? ]*\\s+[A-Za-z_]\\w*\\s*\\((?!.*;\\s*$))"),
            C_STYLE_LEAD);

    private static final DeclarationBoundaries SCRIPT = new DeclarationBoundaries(Pattern.compile(
            "^(?: {0,4}|\\t?)" + MODS + "(?:(?:function\\*?|class|interface|type|enum|namespace)\\s+[A-Za-z_$]"
                    + "|(?:const|let|var)\\s+[A-Za-z_$][\\w$]*\\s*=\\s*(?:async\\s*)?(?:\\(|function|[A-Za-z_$][\\w$]*\\s*=>)"
                    + "|(?:get\\s+|set\\s+|static\\s+)?[A-Za-z_$][\\w$]*\\s*\\([^;]*\\)\\s*(?::[^=;]+)?\\{\\s*$)"),
            C_STYLE_LEAD);

    private static final DeclarationBoundaries PYTHON = new DeclarationBoundaries(
            Pattern.compile("^(?: {0,4}|\\t?)(?:async\\s+)?(?:def|class)\\s+[A-Za-z_]"),
            Pattern.compile("^\\s*(?:@[A-Za-z_]|#).*"));

    private static final DeclarationBoundaries GO = new DeclarationBoundaries(
            Pattern.compile("^(?:func|type)\\s+[A-Za-z_(]"), Pattern.compile("^\\s*//.*"));

    private static final DeclarationBoundaries RUST = new DeclarationBoundaries(Pattern.compile(
            "^(?: {0,4})(?:pub(?:\\([\\w:]+\\))?\\s+)?(?:async\\s+|unsafe\\s+|const\\s+)*(?:fn|struct|enum|trait|impl|mod|type|macro_rules!)\\b"),
            Pattern.compile("^\\s*(?://|#\\[).*"));

    private static final DeclarationBoundaries C = new DeclarationBoundaries(Pattern.compile(
            "^(?:(?:struct|class|union|enum|namespace|typedef|template)\\b"
                    + "|(?!return\\b|else\\b)[A-Za-z_][\\w\\s*&:<>,~]*[\\s*&]+~?[A-Za-z_][\\w:]*\\s*\\([^;]*$)"),
            C_STYLE_LEAD);

    private static final DeclarationBoundaries RUBY = new DeclarationBoundaries(
            Pattern.compile("^(?: {0,4})(?:def|class|module)\\s+[A-Za-z_]"), Pattern.compile("^\\s*#.*"));

    private static final DeclarationBoundaries SHELL = new DeclarationBoundaries(
            Pattern.compile("^(?:function\\s+[A-Za-z_][\\w-]*|[A-Za-z_][\\w-]*\\s*\\(\\)\\s*\\{?)"), Pattern.compile("^\\s*#(?!!).*"));

    private static final Map<String, DeclarationBoundaries> BY_EXTENSION = Map.ofEntries(
            Map.entry("java", JVM), Map.entry("kt", JVM), Map.entry("kts", JVM), Map.entry("scala", JVM),
            Map.entry("groovy", JVM), Map.entry("cs", JVM), Map.entry("swift", JVM), Map.entry("dart", JVM),
            Map.entry("js", SCRIPT), Map.entry("mjs", SCRIPT), Map.entry("cjs", SCRIPT), Map.entry("jsx", SCRIPT),
            Map.entry("ts", SCRIPT), Map.entry("tsx", SCRIPT), Map.entry("py", PYTHON), Map.entry("go", GO),
            Map.entry("rs", RUST), Map.entry("c", C), Map.entry("h", C), Map.entry("cc", C), Map.entry("cpp", C),
            Map.entry("hpp", C), Map.entry("rb", RUBY), Map.entry("sh", SHELL), Map.entry("bash", SHELL));

    /** The boundaries of files with this (lower-case) extension, or null when it is not code we know. */
    static @Nullable DeclarationBoundaries forExtension(String ext) {
        return BY_EXTENSION.get(ext);
    }

    boolean declares(String line) {
        return declaration.matcher(line).lookingAt();
    }

    boolean leads(String line) {
        return !line.isBlank() && lead.matcher(line).matches();
    }
}
