package dev.baton.mcp.server.internal;

import dev.baton.mcp.server.McpServerRegistry;

/**
 * The llm-orc editing set of issue 12 — ensembles, profiles and scripts created, changed and
 * deleted; readiness and dependencies; {@code set_project} and {@code get_help} — registered over a
 * {@link ProjectScope}, so each call runs in its session's project.
 */
public final class EditingTools {

    private EditingTools() {
    }

    /**
     * Registers the editing tools on {@code registry} and answers the registry every other Baton
     * tool should be added through: it routes each call to the session's project.
     */
    public static McpServerRegistry register(ProjectScope scope, McpServerRegistry registry) {
        McpServerRegistry own = scope.recording(registry);
        EnsembleEditTools ensembles = new EnsembleEditTools(scope);
        own.tool(ensembles.createEnsemble()).tool(ensembles.updateEnsemble()).tool(ensembles.deleteEnsemble());
        ProfileEditTools profiles = new ProfileEditTools(scope);
        own.tool(profiles.createProfile()).tool(profiles.updateProfile()).tool(profiles.deleteProfile());
        ScriptTools scripts = new ScriptTools(scope);
        own.tool(scripts.listScripts()).tool(scripts.getScript()).tool(scripts.testScript()).tool(scripts.createScript())
                .tool(scripts.deleteScript());
        ReadinessTools readiness = new ReadinessTools(scope);
        own.tool(readiness.checkEnsembleRunnable()).tool(readiness.listDependencies());
        ProjectTools project = new ProjectTools(scope);
        own.tool(project.setProject()).tool(project.getHelp());
        return scope.routing(registry);
    }
}
