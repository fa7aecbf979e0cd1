package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.service.EnsembleEntry;
import dev.baton.ensemble.service.EnsembleNotFoundException;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.ensemble.service.TestOutcome;
import dev.baton.ensemble.testing.TestCaseResult;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code run_ensemble_tests}: an ensemble's {@code tests:} cases run offline (LLM agents answer
 * with each case's scripted replies, script agents run for real), as {@code baton test} runs them.
 */
public final class EnsembleTestTool {

    private final Baton baton;

    public EnsembleTestTool(Baton baton) {
        this.baton = baton;
    }

    public ServerTool tool() {
        return new ServerTool("run_ensemble_tests",
                "Run an ensemble's tests: cases offline (scripted model replies, nothing leaves the machine); "
                        + "without an ensemble, every ensemble that has tests. Returns each case's pass/fail and failed assertions.",
                Schemas.parse("""
                        {"type":"object","additionalProperties":false,"properties":{
                          "ensemble":{"type":"string","minLength":1,"description":"the ensemble's name or YAML file (default: every ensemble with tests)"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["passed","ensembles"],"properties":{"passed":{"type":"boolean"},
                          "ensembles":{"type":"array","items":{"type":"object","required":["ensemble","passed","cases"],"properties":{
                            "ensemble":{"type":"string"},"file":{"type":"string"},"passed":{"type":"boolean"},
                            "problems":{"type":"array","items":{"type":"string"}},
                            "cases":{"type":"array","items":{"type":"object","required":["name","passed"],"properties":{
                              "name":{"type":"string"},"passed":{"type":"boolean"},"status":{"type":"string"},
                              "failures":{"type":"array","items":{"type":"string"}}}}}}}}}}"""),
                (args, call) -> run(args));
    }

    private ToolResult run(JsonNode args) {
        Ensembles ensembles = baton.ensembles();
        List<Path> files = new ArrayList<>();
        boolean named = args.hasNonNull("ensemble");
        if (named) {
            try {
                files.add(ensembles.locate(args.path("ensemble").asString()));
            } catch (EnsembleNotFoundException e) {
                return ToolResult.error("field 'ensemble': " + e.getMessage());
            }
        } else {
            for (EnsembleEntry e : ensembles.list()) if (!e.shadowed()) files.add(e.file());
        }
        ArrayNode rows = Schemas.array();
        StringBuilder text = new StringBuilder();
        boolean passed = true;
        for (Path file : files) {
            TestOutcome o = ensembles.test(file);
            if (o.hasNoTests()) {
                if (named) return ToolResult.error("field 'ensemble': " + args.path("ensemble").asString() + " (" + file + ") has no tests: block");
                continue;
            }
            passed &= o.passed();
            String name = o.name() != null ? o.name() : file.getFileName().toString();
            ObjectNode row = rows.addObject().put("ensemble", name).put("file", file.toString()).put("passed", o.passed());
            ArrayNode problems = row.putArray("problems");
            for (Problem p : o.problems()) problems.add(p.toString());
            ArrayNode cases = row.putArray("cases");
            text.append(name).append(": ").append(o.passed() ? "passed" : "FAILED").append('\n');
            for (Problem p : o.problems()) text.append("  problem: ").append(p).append('\n');
            for (TestCaseResult c : o.results()) {
                ObjectNode cr = cases.addObject().put("name", c.name()).put("passed", c.passed());
                if (c.run() != null) cr.put("status", c.run().status().wire());
                ArrayNode failures = cr.putArray("failures");
                c.failures().forEach(failures::add);
                text.append("  ").append(c.passed() ? "ok   " : "FAIL ").append(c.name()).append('\n');
                for (String f : c.failures()) text.append("       ").append(f).append('\n');
            }
        }
        ObjectNode out = Schemas.object().put("passed", passed);
        out.set("ensembles", rows);
        if (rows.isEmpty()) text.append("no ensemble has a tests: block");
        return ToolResult.structured(out, text.toString().strip());
    }
}
