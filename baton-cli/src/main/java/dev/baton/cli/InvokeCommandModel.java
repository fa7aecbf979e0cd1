package dev.baton.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.math.BigDecimal;
import java.nio.file.Path;

/** {@link InvokeCommand}'s picocli model built in code (see {@link CommandModels}); its annotations say the same. */
final class InvokeCommandModel {

    private InvokeCommandModel() {
    }

    /** The model of {@code command}, whose fields it fills when it parses. */
    static CommandSpec spec(InvokeCommand c) {
        CommandSpec spec = CommandModels.standardHelpOptions(CommandSpec.wrapWithoutInspection(c).name("invoke"));
        spec.usageMessage().description("Run an ensemble and print its result.",
                "Input: INPUT, else --input, else --input-file, else piped stdin, else the ensemble's default_task.");
        FieldBinding<String> ensemble = new FieldBinding<>(() -> c.ensemble, v -> c.ensemble = v);
        spec.addPositional(PositionalParamSpec.builder().index("0").required(true).paramLabel("ENSEMBLE").type(String.class)
                .descriptionKey("").description("an ensemble name (project, then user tier) or a YAML file")
                .setter(ensemble).getter(ensemble).build());
        FieldBinding<String> input = new FieldBinding<>(() -> c.inputArgument, v -> c.inputArgument = v);
        spec.addPositional(PositionalParamSpec.builder().index("1").arity("0..1").paramLabel("INPUT").type(String.class)
                .descriptionKey("").description("the run input").setter(input).getter(input).build());
        spec.addOption(option(String.class, "TEXT", "the run input",
                new FieldBinding<String>(() -> c.inputOption, v -> c.inputOption = v), "--input"));
        spec.addOption(option(Path.class, "FILE", "read the run input from a file",
                new FieldBinding<Path>(() -> c.inputFile, v -> c.inputFile = v), "--input-file"));
        spec.addOption(option(Integer.class, "N", "at most N agents at once (overrides the ensemble)",
                new FieldBinding<Integer>(() -> c.maxConcurrency, v -> c.maxConcurrency = v), "--max-concurrency"));
        spec.addOption(option(BigDecimal.class, "USD", "spending limit of the run in USD (overrides the ensemble)",
                new FieldBinding<BigDecimal>(() -> c.budget, v -> c.budget = v), "--budget"));
        spec.addOption(flag("do not write execution.json / execution.md",
                new FieldBinding<Boolean>(() -> c.noArtifact, v -> c.noArtifact = v), "--no-artifact", "noArtifact"));
        spec.addOption(option(String.class, "FILE",
                "JSON Lines of inputs (strings or {\"input\": ...}; - for stdin); prints one JSON line per input",
                new FieldBinding<String>(() -> c.batch, v -> c.batch = v), "--batch"));
        FieldBinding<Integer> parallel = new FieldBinding<>(() -> c.parallel, v -> c.parallel = v);
        spec.addOption(OptionSpec.builder("--parallel").type(int.class).paramLabel("N").defaultValue("4").initialValue(parallel.get())
                .descriptionKey("").description("with --batch: runs at once (default: ${DEFAULT-VALUE})")
                .setter(parallel).getter(parallel).build());
        spec.addOption(flag("exit 1 when a run completed with errors, too",
                new FieldBinding<Boolean>(() -> c.strict, v -> c.strict = v), "--strict", "strict"));
        c.output = new OutputOptions();
        spec.addOption(OutputOptions.option(c.output));
        c.spec = spec;
        return spec;
    }

    private static OptionSpec option(Class<?> type, String label, String description, FieldBinding<?> field,
                                     String name) {
        return OptionSpec.builder(name).type(type).paramLabel(label).descriptionKey("").description(description)
                .setter(field).getter(field).build();
    }

    /** A boolean option; picocli labels it after the field, as for an annotated one. */
    private static OptionSpec flag(String description, FieldBinding<Boolean> field, String name, String fieldName) {
        // the field's own initial value, as picocli reads it for an annotated field: it resets fields to it
        // before parsing, and a null would not fit the primitive field
        return OptionSpec.builder(name).type(boolean.class).paramLabel("<" + fieldName + ">").descriptionKey("")
                .description(description).initialValue(field.get()).setter(field).getter(field).build();
    }
}
