package dev.baton.cli;

import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** The {@code -o/--output-format} option every data-printing command shares. */
final class OutputOptions {

    @Option(names = {"-o", "--output-format"}, paramLabel = "FORMAT",
            description = "text, json or rich (rich is the default on a terminal where a live view exists)")
    OutputFormat format;

    /** The option as {@link CommandModels} builds it in code, filling {@code into}'s field. */
    static OptionSpec option(OutputOptions into) {
        FieldBinding<OutputFormat> field = new FieldBinding<>(() -> into.format, v -> into.format = v);
        return OptionSpec.builder("-o", "--output-format").type(OutputFormat.class).paramLabel("FORMAT").descriptionKey("")
                .description("text, json or rich (rich is the default on a terminal where a live view exists)")
                .setter(field).getter(field).build();
    }

    OutputFormat resolve(CliEnvironment env, boolean hasRichView) {
        if (format != null) return format == OutputFormat.rich && !hasRichView ? OutputFormat.text : format;
        return env.stdoutIsTerminal() && hasRichView ? OutputFormat.rich : OutputFormat.text;
    }
}
