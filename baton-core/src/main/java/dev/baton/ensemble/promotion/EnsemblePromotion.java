package dev.baton.ensemble.promotion;

import dev.baton.config.BatonPaths;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.service.EnsembleEntry;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.ensemble.service.Tier;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves ensembles between the project tier ({@code .baton/ensembles}) and the user tier
 * ({@code ~/.config/baton/ensembles}): {@link #check} says whether a project ensemble can go up
 * (it validates; its scripts, child ensembles and providers are there already) and which profiles
 * it needs that the user tier lacks; {@link #promote} copies it and those profiles (added to the
 * user {@code config.yaml} without touching the rest of the file); {@link #demote} removes it from
 * the user tier, optionally with the profiles no other user ensemble needs. Copies in the project
 * tier are never touched.
 */
public final class EnsemblePromotion {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Ensembles ensembles;
    private final BatonPaths paths;

    public EnsemblePromotion(Ensembles ensembles, BatonPaths paths) {
        this.ensembles = ensembles;
        this.paths = paths;
    }

    /**
     * Whether {@code name} can be promoted to the user tier: {@code problems} say what stops it;
     * {@code profilesToCopy} are the profiles it needs that only the project defines.
     */
    public record Readiness(String ensemble, Path source, Path target, boolean ready, boolean targetExists,
                            boolean targetIdentical, List<String> profiles, List<String> profilesToCopy,
                            List<String> problems) {
        public Readiness {
            profiles = List.copyOf(profiles);
            profilesToCopy = List.copyOf(profilesToCopy);
            problems = List.copyOf(problems);
        }
    }

    /** What {@link #demote} did: the file removed, the profiles only it needed, and those removed with it. */
    public record Demotion(String ensemble, Path removed, List<String> orphanedProfiles, List<String> removedProfiles,
                           @Nullable Path remainingCopy) {
    }

    /** Checks {@code nameOrPath} (a project ensemble) for promotion to the user tier. */
    public Readiness check(String nameOrPath) {
        Path file = ensembles.locate(nameOrPath);
        EnsembleEntry entry = ensembles.read(file);
        Path target = userEnsembles().resolve(file.getFileName().toString());
        List<String> problems = new ArrayList<>();
        if (entry.tier() != Tier.PROJECT) {
            problems.add(entry.name() + " is in the " + entry.tier().label() + " tier (" + file + "); only a project ensemble can be promoted");
        }
        for (Problem p : ensembles.validate(file)) problems.add("invalid: " + p);
        EnsembleSpec spec = entry.spec();
        Set<String> needed = spec == null ? Set.of() : profilesOf(spec);
        JsonNode project = config(paths.projectDir().map(d -> d.resolve("config.yaml")).orElse(null));
        JsonNode user = config(paths.userConfigFile());
        List<String> toCopy = new ArrayList<>();
        for (String profile : needed) {
            if (!project.path("profiles").has(profile) || user.path("profiles").has(profile)) continue;
            toCopy.add(profile);
            String provider = project.path("profiles").path(profile).path("provider").asString("");
            if (project.path("providers").has(provider) && !user.path("providers").has(provider)) {
                problems.add("profile " + profile + " uses provider " + provider + ", which only the project defines; add it to "
                        + paths.userConfigFile() + " first");
            }
        }
        if (spec != null) problems.addAll(missingInUserTier(spec));
        boolean exists = Files.exists(target);
        boolean identical = exists && sameContent(file, target);
        return new Readiness(entry.name(), file, target, problems.isEmpty(), exists, identical, List.copyOf(needed), toCopy, problems);
    }

    /**
     * Copies the project ensemble {@code nameOrPath} to the user tier with the profiles it needs that
     * the user tier lacks (nothing is written when {@code dryRun}).
     *
     * @throws IllegalStateException when it is not ready (the message lists why), or the user tier
     *                               has a different file of that name and {@code overwrite} is false
     */
    public Readiness promote(String nameOrPath, boolean overwrite, boolean dryRun) {
        Readiness r = check(nameOrPath);
        if (!r.ready()) throw new IllegalStateException(r.ensemble() + " is not ready to promote: " + String.join("; ", r.problems()));
        if (r.targetExists() && !r.targetIdentical() && !overwrite) {
            throw new IllegalStateException(r.target() + " exists with other content; overwrite to replace it");
        }
        if (dryRun) return r;
        try {
            Files.createDirectories(r.target().getParent());
            Files.copy(r.source(), r.target(), StandardCopyOption.REPLACE_EXISTING);
            if (!r.profilesToCopy().isEmpty()) {
                JsonNode project = config(paths.projectDir().map(d -> d.resolve("config.yaml")).orElseThrow());
                Map<String, JsonNode> profiles = new LinkedHashMap<>();
                for (String p : r.profilesToCopy()) profiles.put(p, project.path("profiles").path(p));
                Path userConfig = paths.userConfigFile();
                String before = Files.exists(userConfig) ? Files.readString(userConfig) : "";
                writeChecked(userConfig, ProfileBlock.add(before, profiles, userConfig.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("promoting " + r.ensemble() + " failed: " + e.getMessage(), e);
        }
        return r;
    }

    /**
     * Removes {@code name} from the user tier; with {@code removeOrphanedProfiles}, also the user
     * profiles it needed that no other user-tier ensemble needs. A project copy stays.
     *
     * @throws IllegalArgumentException when the user tier has no ensemble of that name
     */
    public Demotion demote(String name, boolean removeOrphanedProfiles) {
        List<EnsembleEntry> user = ensembles.list().stream().filter(e -> e.tier() == Tier.USER).toList();
        EnsembleEntry entry = user.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the user tier (" + userEnsembles() + ") has no ensemble " + name));
        Set<String> stillNeeded = new LinkedHashSet<>();
        for (EnsembleEntry other : user) {
            if (other != entry && other.spec() != null) stillNeeded.addAll(profilesOf(other.spec()));
        }
        JsonNode userConfig = config(paths.userConfigFile());
        List<String> orphaned = entry.spec() == null ? List.of() : profilesOf(entry.spec()).stream()
                .filter(p -> !stillNeeded.contains(p) && userConfig.path("profiles").has(p)).toList();
        Path remaining = ensembles.list().stream().filter(e -> e.name().equals(name) && e.tier() == Tier.PROJECT)
                .map(EnsembleEntry::file).findFirst().orElse(null);
        try {
            Files.delete(entry.file());
            if (removeOrphanedProfiles && !orphaned.isEmpty()) {
                Path file = paths.userConfigFile();
                writeChecked(file, ProfileBlock.remove(Files.readString(file), orphaned, file.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("demoting " + name + " failed: " + e.getMessage(), e);
        }
        return new Demotion(name, entry.file(), orphaned, removeOrphanedProfiles ? orphaned : List.of(), remaining);
    }

    /** Every profile the agents of {@code spec} name (their own and their fallback), in order. */
    static Set<String> profilesOf(EnsembleSpec spec) {
        Set<String> out = new LinkedHashSet<>();
        for (AgentSpec a : spec.agents()) {
            if (a.kind() instanceof AgentKind.Llm llm && llm.modelProfile() != null) out.add(llm.modelProfile());
            if (a.fallbackModelProfile() != null) out.add(a.fallbackModelProfile());
        }
        return out;
    }

    /** Scripts from the project's scripts folder and child ensembles that the user tier does not have. */
    private List<String> missingInUserTier(EnsembleSpec spec) {
        List<String> out = new ArrayList<>();
        Path userScripts = paths.userConfigDir().resolve("scripts");
        for (AgentSpec a : spec.agents()) {
            String child = switch (a.kind()) {
                case AgentKind.Ensemble e -> e.ensemble();
                case AgentKind.Loop l -> l.loop().body();
                default -> null;
            };
            if (child != null && !Files.exists(userEnsembles().resolve(child + ".yaml")) && !Files.exists(userEnsembles().resolve(child + ".yml"))) {
                out.add("agent " + a.name() + " runs ensemble " + child + ", which the user tier does not have; promote it first");
            }
            if (a.kind() instanceof AgentKind.Script s && s.script() != null && !s.script().isBlank() && s.script().strip().matches("[\\w./-]+")) {
                String script = s.script().strip();
                boolean inProject = paths.projectDir().map(d -> Files.exists(d.resolve("scripts").resolve(script))).orElse(false);
                if (inProject && !Files.exists(userScripts.resolve(script))) {
                    out.add("agent " + a.name() + " runs script " + script + " from the project's scripts; copy it to " + userScripts + " first");
                }
            }
        }
        return out;
    }

    private Path userEnsembles() {
        return paths.userConfigDir().resolve("ensembles");
    }

    private static JsonNode config(@Nullable Path file) {
        if (file == null || !Files.isRegularFile(file)) return YAML.createObjectNode();
        try {
            JsonNode n = YAML.readTree(Files.readString(file));
            return n == null || n.isMissingNode() || n.isNull() ? YAML.createObjectNode() : n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code text} to {@code file} after checking it still parses, through a temporary file. */
    private static void writeChecked(Path file, String text) throws IOException {
        YAML.readTree(text); // a broken edit must never reach the user's configuration
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".config-", ".tmp");
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean sameContent(Path a, Path b) {
        try {
            return Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
        } catch (IOException e) {
            return false;
        }
    }
}
