package dev.baton.server.api.internal;

import dev.baton.Baton;
import dev.baton.config.ConfigException;
import dev.baton.config.ProfileEditor;
import dev.baton.ensemble.load.Problem;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/config/source}: the project's {@code .baton/config.yaml} as written, read and
 * replaced whole (profiles, providers, every other key) by callers no key limit binds. New text is
 * checked as Baton loads configuration, over the user tier, before it replaces the file by a
 * rename; the running server keeps the configuration it started with until it is restarted.
 * Problems never carry the value of a {@code ${VAR}} the text refers to.
 */
public final class ConfigSourceRoutes {

    static final String APPLIES = "saved; the running server keeps the configuration it started with: restart it to apply this file";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern LINE = Pattern.compile("^(\\d+)(?::\\d+)?: (.*)$", Pattern.DOTALL);
    /** Shorter values are not secrets, and hiding them would garble messages (a port, a flag). */
    private static final int MIN_HIDDEN = 4;

    private final Baton baton;
    private final Map<String, String> env;

    /** Routes over {@code baton}'s project; {@code env} expands {@code ${VAR}} while checking, as at start-up. */
    public ConfigSourceRoutes(Baton baton, Map<String, String> env) {
        this.baton = baton;
        this.env = Map.copyOf(env);
    }

    public void mount(ApiRouter router) {
        router.get("/api/v1/config/source", this::show).put("/api/v1/config/source", this::update);
    }

    private void show(ApiCall call) throws IOException {
        KeyRoutes.requireUnlimited(baton.apiKeys(), call.caller(), "read the configuration file");
        Path file = file();
        boolean exists = Files.isRegularFile(file);
        call.send(200, JsonNodeFactory.instance.objectNode().put("file", file.toString()).put("exists", exists)
                .put("yaml", exists ? Files.readString(file, StandardCharsets.UTF_8) : ""));
    }

    private void update(ApiCall call) throws IOException {
        KeyRoutes.requireUnlimited(baton.apiKeys(), call.caller(), "change the configuration file");
        call.onlyFields("yaml", "dry_run");
        String yaml = call.string("yaml", false);
        if (yaml == null) throw ApiCall.invalid("field 'yaml' is required (the whole text of the file; \"\" for an empty one)");
        JsonNode dry = call.body().get("dry_run");
        if (dry != null && !dry.isBoolean()) throw ApiCall.invalid("field 'dry_run' must be a boolean, not " + ApiCall.kind(dry));
        boolean dryRun = dry != null && dry.asBoolean();
        Path file = file();
        try {
            new ProfileEditor(baton.paths(), env).replaceFile(yaml, dryRun);
        } catch (ConfigException e) {
            throw new ContentProblemsException("configuration", List.of(problem(file, hide(e.getMessage(), yaml))));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("file", file.toString()).put("valid", true).put("written", !dryRun);
        if (!dryRun) out.put("applies", APPLIES);
        call.send(200, out);
    }

    private Path file() {
        return baton.paths().projectConfigFile().orElseThrow(() -> BatonException.builder(ErrorCode.NOT_FOUND,
                "no project: there is no .baton folder in " + baton.paths().workingDir() + " or above it").suggestion("create one with baton init").build());
    }

    /** {@code FILE:LINE[:COLUMN]: message} of {@link ConfigException#at} as a problem at that line. */
    static Problem problem(Path file, String message) {
        String prefix = file + ":";
        if (message.startsWith(prefix)) {
            Matcher m = LINE.matcher(message.substring(prefix.length()));
            if (m.matches()) return new Problem(file.toString(), null, Integer.parseInt(m.group(1)), m.group(2));
            if (message.startsWith(prefix + " ")) return new Problem(file.toString(), null, 0, message.substring(prefix.length() + 1));
        }
        return new Problem(file.toString(), null, 0, message);
    }

    /** {@code message} with the value of every variable {@code yaml} refers to replaced by its reference. */
    String hide(String message, String yaml) {
        String out = message;
        Matcher m = VARIABLE.matcher(yaml);
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value != null && value.length() >= MIN_HIDDEN) out = out.replace(value, "${" + m.group(1) + "}");
        }
        return out;
    }
}
