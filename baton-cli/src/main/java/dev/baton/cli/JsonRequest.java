package dev.baton.cli;

import picocli.CommandLine;

import java.util.Locale;

/**
 * Whether a command line asked for {@code -o json}, so that its failure is reported as a JSON
 * error document too. From picocli's parse result where parsing succeeded; from the raw
 * arguments where it did not (then no parse result holds the option).
 */
final class JsonRequest {

    private JsonRequest() {
    }

    /** The innermost command's {@code -o} value, as picocli parsed it. */
    static boolean in(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult p = parsed;
        while (p != null && p.hasSubcommand()) p = p.subcommand();
        return p != null && p.hasMatchedOption("--output-format")
                && p.matchedOptionValue("--output-format", null) == OutputFormat.json;
    }

    /** {@code -o json}, {@code -ojson}, {@code -o=json}, {@code --output-format[=| ]json} before any {@code --}. */
    static boolean in(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) return false;
            String value = null;
            if ((a.equals("-o") || a.equals("--output-format")) && i + 1 < args.length) value = args[i + 1];
            else if (a.startsWith("--output-format=")) value = a.substring("--output-format=".length());
            else if (a.startsWith("-o=")) value = a.substring(3);
            else if (a.startsWith("-o") && !a.startsWith("--")) value = a.substring(2);
            if (value != null && value.toLowerCase(Locale.ROOT).equals("json")) return true;
        }
        return false;
    }
}
