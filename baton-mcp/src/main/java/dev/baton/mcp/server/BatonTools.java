package dev.baton.mcp.server;

import dev.baton.Baton;
import dev.baton.mcp.server.internal.ArtifactOperationTools;
import dev.baton.mcp.server.internal.ArtifactTools;
import dev.baton.mcp.server.internal.AskTool;
import dev.baton.mcp.server.internal.BatonResourceSet;
import dev.baton.mcp.server.internal.EditingTools;
import dev.baton.mcp.server.internal.ProjectScope;
import dev.baton.mcp.server.internal.EnsemblePrompts;
import dev.baton.mcp.server.internal.OperationPrompts;
import dev.baton.mcp.server.internal.RunOperationTool;
import dev.baton.mcp.server.internal.EnsembleTestTool;
import dev.baton.mcp.server.internal.EnsembleTools;
import dev.baton.mcp.server.internal.InvokeTool;
import dev.baton.mcp.server.internal.LibraryTools;
import dev.baton.mcp.server.internal.ProfileTools;
import dev.baton.mcp.server.internal.PromotionTools;
import dev.baton.mcp.server.internal.ProviderStatusTool;
import dev.baton.mcp.server.internal.ToolGatewayTools;
import dev.baton.mcp.server.internal.UsageTools;

/**
 * Baton's own MCP tools, over one {@link Baton}: {@code list_ensembles}, {@code validate_ensemble},
 * {@code invoke}, {@code list_profiles}, {@code ask}, {@code run_operation}, {@code list_artifacts}, {@code get_artifact};
 * and its read-only resources: {@code baton://ensembles}, {@code baton://ensemble/{name}},
 * {@code baton://profiles}, {@code baton://artifacts/{ensemble}}, {@code baton://artifact/{ensemble}/{id}}.
 * Each has an input and an output JSON Schema, answers with structured content plus a text
 * rendering, and answers bad arguments with an error result naming the field. The tools only parse
 * arguments, call one of Baton's services and render the result.
 */
public final class BatonTools implements McpServerExtension {

    private final Baton baton;

    public BatonTools(Baton baton) {
        this.baton = baton;
    }

    @Override
    public void register(McpServerRegistry registry) {
        // the editing tools (ensembles, profiles, scripts, set_project, get_help); every tool added
        // after them goes through the returned registry, which runs it in its session's project
        ProjectScope scope = new ProjectScope(baton, BatonTools::new);
        registry = EditingTools.register(scope, registry);
        EnsembleTools ensembles = new EnsembleTools(baton);
        registry.tool(ensembles.listEnsembles());
        registry.tool(ensembles.validateEnsemble());
        registry.tool(new InvokeTool(baton).tool());
        ProfileTools profiles = new ProfileTools(baton);
        registry.tool(profiles.listProfiles());
        registry.tool(new AskTool(baton).tool());
        registry.tool(new RunOperationTool(baton).tool());
        registry.tool(new dev.baton.mcp.server.internal.CoordinateTool(baton).tool());
        ArtifactTools artifacts = new ArtifactTools(baton);
        registry.tool(artifacts.listArtifacts());
        registry.tool(artifacts.getArtifact());
        // operating tools: recorded runs, tests, usage, providers, Baton's own tools
        ArtifactOperationTools operations = new ArtifactOperationTools(baton);
        registry.tool(operations.analyzeExecution());
        registry.tool(operations.deleteArtifact());
        registry.tool(operations.cleanupArtifacts());
        registry.tool(new ProviderStatusTool(baton).tool());
        registry.tool(new EnsembleTestTool(baton).tool());
        UsageTools usage = new UsageTools(baton);
        registry.tool(usage.stats());
        registry.tool(usage.budgets());
        ToolGatewayTools gateway = new ToolGatewayTools(baton);
        registry.tool(gateway.listTools());
        registry.tool(gateway.callTool());
        LibraryTools library = new LibraryTools(baton);
        registry.tool(library.browse());
        registry.tool(library.search());
        registry.tool(library.copy());
        registry.tool(library.info());
        PromotionTools promotion = new PromotionTools(baton);
        registry.tool(promotion.checkReadiness());
        registry.tool(promotion.promote());
        registry.tool(promotion.demote());
        // resources and prompts answer from the reading session's project themselves
        new BatonResourceSet(scope).register(registry);
        new EnsemblePrompts(scope).register(registry);
        new OperationPrompts(scope).register(registry);
    }
}
