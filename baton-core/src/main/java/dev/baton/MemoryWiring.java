package dev.baton;

import dev.baton.config.BatonConfig;
import dev.baton.config.BatonPaths;
import dev.baton.config.MemoryConfig;
import dev.baton.config.ProviderRegistry;
import dev.baton.config.ResolvedProfile;
import dev.baton.context.memory.MemorySettings;
import dev.baton.context.memory.ProjectMemory;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatModel;
import dev.baton.llm.EmbeddingModel;
import dev.baton.pipeline.EmbeddingPipeline;
import dev.baton.pipeline.Pipeline;
import dev.baton.provider.ProviderFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the project memory of a {@code Baton} from {@code memory:}: the index under the data
 * folder (one per project root), facts in the store's database, the embedding profile's adapter
 * inside the same ledger and budgets as chat calls, and the summary profile's model through the
 * whole chat pipeline.
 */
final class MemoryWiring {

    private MemoryWiring() {
    }

    static MemoryConfig config(BatonConfig config) {
        return config.memory() == null ? new MemoryConfig(null, null, null, null) : config.memory();
    }

    static ProjectMemory open(BatonPaths paths, BatonConfig config, javax.sql.DataSource database, Function<String, ResolvedProfile> profiles,
                              ProviderRegistry providers, ObjectMapper json, Pipeline pipeline,
                              Function<String, ChatModel> models) {
        MemoryConfig m = config(config);
        Path root = paths.projectRoot().toAbsolutePath().normalize();
        Path index = paths.dataDir().resolve("memory").resolve(folderOf(root)).resolve("index");
        EmbeddingModel embedder = m.embeddingProfile() == null ? null
                : embedder(m.embeddingProfile(), profiles, providers, json, pipeline);
        ChatModel summarizer = m.summaryProfile() == null ? null : models.apply(m.summaryProfile());
        return ProjectMemory.open(new MemorySettings(root, index, database, List.of(paths.dataDir()),
                m.maxFileBytesOrDefault(), embedder, summarizer, m.summaryProfile()));
    }

    /** The index folder of a project: readable name plus a hash of the whole path, so two "app" folders differ. */
    static String folderOf(Path root) {
        String name = root.getFileName() == null ? "root" : root.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(root.toString().getBytes(StandardCharsets.UTF_8));
            return name + "-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EmbeddingModel embedder(String profileName, Function<String, ResolvedProfile> profiles,
                                           ProviderRegistry providers, ObjectMapper json, Pipeline pipeline) {
        ResolvedProfile p = profiles.apply(profileName);
        ProviderFactory factory = providers.factory(p.provider().kind()).orElseThrow(() -> unsupported(profileName, p, "unknown"));
        @Nullable EmbeddingModel adapter = factory.createEmbedding(p.provider(), p.model(), p.info(), json);
        if (adapter == null) throw unsupported(profileName, p, "has no embeddings API in Baton");
        return EmbeddingPipeline.of(adapter, profileName, p.provider().name(), pipeline.ledger(), pipeline.budgets(),
                Clock.systemUTC());
    }

    private static BatonException unsupported(String profile, ResolvedProfile p, String why) {
        return new BatonException(ErrorCode.CONFIGURATION, "memory.embedding_profile: profile '" + profile
                + "' uses provider kind '" + p.provider().kind() + "', which " + why
                + " (embedding kinds: openai, ollama, gemini, bedrock)");
    }
}
