package dev.baton.cli;

import picocli.CommandLine.Option;

/** The {@code -o/--output-format} option every data-printing command shares. */
final class OutputOptions {

    @Option(names = {"-o", "--output-format"}, paramLabel = "FORMAT",
            description = "text, json or rich (rich is the default on a terminal where a live view exists)")
    OutputFormat format;

    OutputFormat resolve(CliEnvironment env, boolean hasRichView) {
        if (format != null) return format == OutputFormat.rich && !hasRichView ? OutputFormat.text : format;
        return env.stdoutIsTerminal() && hasRichView ? OutputFormat.rich : OutputFormat.text;
    }
}
