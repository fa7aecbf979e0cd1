package dev.baton.testing;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates JSON against a named schema of a published OpenAPI 3.1 spec ({@link Peers#spec})
 * (OpenAPI 3.1 schemas are JSON Schema 2020-12), with the networknt validator.
 */
public final class OpenApiSchemas {

    private final JsonNode components;

    private OpenApiSchemas(JsonNode components) {
        this.components = components;
    }

    /** Loads the spec; skips the test when it is absent. */
    public static OpenApiSchemas load(String specFileName) {
        Path spec = Peers.spec(specFileName);
        JsonNode root = YAMLMapper.builder().build().readTree(asJson(spec).toFile());
        return new OpenApiSchemas(root.path("components"));
    }

    /**
     * The spec converted to JSON by js-yaml (installed with prism): the published file uses YAML
     * that JavaScript parsers accept and SnakeYAML rejects (indented blank lines in block scalars).
     */
    private static Path asJson(Path spec) {
        Path out = Peers.dir().resolve("specs").resolve(spec.getFileName() + ".json");
        try {
            if (Files.isRegularFile(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(spec)) > 0) {
                return out;
            }
            Peers.install("@stoplight/prism-cli", PrismMock.VERSION);
            String node = Peers.which("node");
            Assumptions.assumeTrue(node != null, "node is not installed: skipping the spec validation");
            Files.createDirectories(out.getParent());
            String script = "const y=require('js-yaml');const fs=require('fs');"
                    + "fs.writeFileSync(process.argv[2], JSON.stringify(y.load(fs.readFileSync(process.argv[1],'utf8'))));";
            Process p = new ProcessBuilder(node, "-e", script, spec.toString(), out.toString())
                    .directory(Peers.dir().toFile()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) throw new IllegalStateException("converting " + spec + " failed: " + log);
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The validation errors of {@code instance} against {@code #/components/schemas/<name>}; empty when valid. */
    public List<String> validate(String schemaName, JsonNode instance) {
        ObjectNode doc = YAMLMapper.builder().build().createObjectNode();
        doc.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        doc.put("$ref", "#/components/schemas/" + schemaName);
        doc.set("components", components);
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(doc);
        return schema.validate(instance).stream().map(Error::toString).toList();
    }
}
