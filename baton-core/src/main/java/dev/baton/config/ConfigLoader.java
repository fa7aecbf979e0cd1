package dev.baton.config;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Reads {@code config.yaml} files: the user tier, then the project tier over it. Strings have
 * {@code ${ENV}} expanded. Unknown keys and wrong types fail with file, line and field.
 */
public final class ConfigLoader {

    private final ObjectMapper yaml;

    public ConfigLoader(EnvExpander env) {
        SimpleModule expand = new SimpleModule("baton-env");
        expand.addDeserializer(String.class, new ExpandingStringDeserializer(env));
        this.yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(expand)
                .build();
    }

    /** The merged configuration of every tier that exists. */
    public BatonConfig load(BatonPaths paths) {
        BatonConfig config = BatonConfig.EMPTY;
        if (Files.isRegularFile(paths.userConfigFile())) config = config.overrideWith(read(paths.userConfigFile()));
        var project = paths.projectConfigFile();
        if (project.isPresent() && Files.isRegularFile(project.get())) config = config.overrideWith(read(project.get()));
        return config;
    }

    /** One file. */
    public BatonConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    /** YAML text; {@code source} names it in errors. */
    public BatonConfig parse(String text, Path source) {
        if (text.isBlank()) return BatonConfig.EMPTY;
        try {
            BatonConfig config = yaml.readValue(text, BatonConfig.class);
            return config == null ? BatonConfig.EMPTY : config;
        } catch (UnrecognizedPropertyException e) {
            throw at(source, e, "unknown key '" + e.getPropertyName() + "' in " + where(e)
                    + known(e.getKnownPropertyIds()));
        } catch (MismatchedInputException e) {
            throw at(source, e, "wrong type for " + where(e) + ": " + firstLine(e.getOriginalMessage()));
        } catch (JacksonException e) {
            throw at(source, e, firstLine(e.getOriginalMessage()));
        }
    }

    private static ConfigException at(Path source, JacksonException e, String message) {
        TokenStreamLocation loc = e.getLocation();
        return ConfigException.at(source, loc == null ? -1 : loc.getLineNr(), loc == null ? -1 : loc.getColumnNr(), message);
    }

    private static String where(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the top level" : "'" + path + "'";
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) return "";
        return " (known keys: " + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
    }

    private static String firstLine(String s) {
        if (s == null) return "invalid YAML";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Expands {@code ${ENV}} in every string value as it is read. */
    private static final class ExpandingStringDeserializer extends StdDeserializer<String> {
        private final EnvExpander env;

        ExpandingStringDeserializer(EnvExpander env) {
            super(String.class);
            this.env = env;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.currentToken().isScalarValue()) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            return env.expand(p.getString());
        }
    }
}
