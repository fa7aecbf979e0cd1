package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.ensemble.promotion.EnsemblePromotion;
import dev.baton.ensemble.service.EnsembleNotFoundException;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * {@code check_promotion_readiness}, {@code promote_ensemble} and {@code demote_ensemble}: moving
 * an ensemble between the project and the user tier with the profiles it needs
 * ({@link EnsemblePromotion}). The library tier is bundled with Baton and read-only, so it is
 * refused as a target with that reason.
 */
public final class PromotionTools {

    private static final String TARGET = """
            "target":{"enum":["user","library"],"description":"where to: the user tier ~/.config/baton (default); the library is read-only"}""";
    private static final String READINESS = """
            "ensemble":{"type":"string"},"source":{"type":"string"},"target":{"type":"string"},"ready":{"type":"boolean"},
            "target_exists":{"type":"boolean"},"target_identical":{"type":"boolean"},
            "profiles":{"type":"array","items":{"type":"string"}},"profiles_to_copy":{"type":"array","items":{"type":"string"}},
            "problems":{"type":"array","items":{"type":"string"}}""";

    private final Baton baton;

    public PromotionTools(Baton baton) {
        this.baton = baton;
    }

    private EnsemblePromotion promotion() {
        return new EnsemblePromotion(baton.ensembles(), baton.paths());
    }

    public ServerTool checkReadiness() {
        return new ServerTool("check_promotion_readiness",
                "Check whether a project ensemble can be promoted to the user tier: it validates, its providers, scripts and child "
                        + "ensembles are available there; lists the profiles promotion would copy and whether a copy exists already.",
                Schemas.parse("{\"type\":\"object\",\"required\":[\"ensemble\"],\"additionalProperties\":false,\"properties\":{"
                        + "\"ensemble\":{\"type\":\"string\",\"minLength\":1}," + TARGET + "}}"),
                Schemas.parse("{\"type\":\"object\",\"required\":[\"ensemble\",\"ready\",\"problems\"],\"properties\":{" + READINESS + "}}"),
                (args, call) -> run(args, () -> {
                    EnsemblePromotion.Readiness r = promotion().check(args.path("ensemble").asString());
                    return ToolResult.structured(json(r), r.ensemble() + (r.ready() ? " is ready to promote" : " is not ready: "
                            + String.join("; ", r.problems())) + (r.profilesToCopy().isEmpty() ? "" : " (profiles to copy: "
                            + String.join(", ", r.profilesToCopy()) + ")"));
                }));
    }

    public ServerTool promote() {
        return new ServerTool("promote_ensemble",
                "Copy a project ensemble to the user tier with the profiles it needs that the user tier lacks (added to its "
                        + "config.yaml, the rest of the file untouched). dry_run: true says what would happen.",
                Schemas.parse("{\"type\":\"object\",\"required\":[\"ensemble\"],\"additionalProperties\":false,\"properties\":{"
                        + "\"ensemble\":{\"type\":\"string\",\"minLength\":1}," + TARGET + ","
                        + "\"overwrite\":{\"type\":\"boolean\",\"description\":\"replace a different copy in the user tier (default false)\"},"
                        + "\"dry_run\":{\"type\":\"boolean\",\"description\":\"change nothing (default false)\"}}}"),
                Schemas.parse("{\"type\":\"object\",\"required\":[\"ensemble\",\"promoted\"],\"properties\":{"
                        + "\"promoted\":{\"type\":\"boolean\"},\"dry_run\":{\"type\":\"boolean\"}," + READINESS + "}}"),
                (args, call) -> run(args, () -> {
                    boolean dryRun = args.path("dry_run").asBoolean(false);
                    EnsemblePromotion.Readiness r;
                    try {
                        r = promotion().promote(args.path("ensemble").asString(), args.path("overwrite").asBoolean(false), dryRun);
                    } catch (IllegalStateException e) {
                        return ToolResult.error("field '" + (e.getMessage().contains("overwrite") ? "overwrite" : "ensemble") + "': "
                                + e.getMessage());
                    }
                    ObjectNode out = json(r).put("promoted", !dryRun).put("dry_run", dryRun);
                    return ToolResult.structured(out, (dryRun ? "would copy " : "copied ") + r.source() + " to " + r.target()
                            + (r.profilesToCopy().isEmpty() ? "" : " with profiles " + String.join(", ", r.profilesToCopy())));
                }));
    }

    public ServerTool demote() {
        return new ServerTool("demote_ensemble",
                "Remove an ensemble from the user tier (a project copy stays); needs confirm: true. With remove_orphaned_profiles, "
                        + "also removes the user profiles no other user ensemble needs; otherwise they are listed and left.",
                Schemas.parse("""
                        {"type":"object","required":["ensemble"],"additionalProperties":false,"properties":{
                          "ensemble":{"type":"string","minLength":1},
                          "tier":{"enum":["user"],"description":"the tier to remove it from (default user)"},
                          "remove_orphaned_profiles":{"type":"boolean","description":"also remove profiles only it needed (default false)"},
                          "confirm":{"type":"boolean","description":"must be true: the file is deleted"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["ensemble","removed","orphaned_profiles","removed_profiles"],"properties":{
                          "ensemble":{"type":"string"},"removed":{"type":"string"},
                          "orphaned_profiles":{"type":"array","items":{"type":"string"}},
                          "removed_profiles":{"type":"array","items":{"type":"string"}},
                          "remaining_copy":{"type":["string","null"]}}}"""),
                (args, call) -> {
                    String name = args.path("ensemble").asString();
                    if (!args.path("confirm").asBoolean(false)) {
                        return ToolResult.error("field 'confirm': demoting deletes the user-tier file of " + name + "; call again with confirm: true");
                    }
                    EnsemblePromotion.Demotion d;
                    try {
                        d = promotion().demote(name, args.path("remove_orphaned_profiles").asBoolean(false));
                    } catch (IllegalArgumentException e) {
                        return ToolResult.error("field 'ensemble': " + e.getMessage());
                    }
                    ObjectNode out = Schemas.object().put("ensemble", d.ensemble()).put("removed", d.removed().toString())
                            .put("remaining_copy", d.remainingCopy() == null ? null : d.remainingCopy().toString());
                    d.orphanedProfiles().forEach(out.putArray("orphaned_profiles")::add);
                    d.removedProfiles().forEach(out.putArray("removed_profiles")::add);
                    return ToolResult.structured(out, "removed " + d.removed()
                            + (d.removedProfiles().isEmpty() ? "" : "; removed profiles " + String.join(", ", d.removedProfiles()))
                            + (!d.orphanedProfiles().isEmpty() && d.removedProfiles().isEmpty()
                                    ? "; profiles now unused in the user tier: " + String.join(", ", d.orphanedProfiles()) : ""));
                });
    }

    private static ToolResult run(JsonNode args, java.util.concurrent.Callable<ToolResult> body) throws Exception {
        if ("library".equals(args.path("target").asString("user"))) {
            return ToolResult.error("field 'target': the library is bundled with Baton and read-only; promote to 'user'");
        }
        try {
            return body.call();
        } catch (EnsembleNotFoundException e) {
            return ToolResult.error("field 'ensemble': " + e.getMessage());
        }
    }

    private static ObjectNode json(EnsemblePromotion.Readiness r) {
        ObjectNode out = Schemas.object().put("ensemble", r.ensemble()).put("source", r.source().toString())
                .put("target", r.target().toString()).put("ready", r.ready()).put("target_exists", r.targetExists())
                .put("target_identical", r.targetIdentical());
        strings(out, "profiles", r.profiles());
        strings(out, "profiles_to_copy", r.profilesToCopy());
        strings(out, "problems", r.problems());
        return out;
    }

    private static void strings(ObjectNode out, String field, List<String> values) {
        values.forEach(out.putArray(field)::add);
    }
}
