package dev.baton;

import dev.baton.config.ProfileResolver;
import dev.baton.config.ResolvedProfile;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.service.EnsembleEntry;
import dev.baton.ensemble.service.EnsembleNotFoundException;
import dev.baton.ensemble.service.ScriptInfo;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.error.BatonException;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What an ensemble needs and whether this Baton has it: the profiles, scripts and child ensembles
 * it names (child ensembles followed transitively), and per agent whether it can run now — its
 * profile resolves, its provider has the key it needs and answers a probe, its script or child
 * ensemble exists — with, for an LLM agent that cannot, a profile that could take its place.
 */
public final class EnsembleRequirements {

    private final Baton baton;
    private final Duration probeTimeout;

    public EnsembleRequirements(Baton baton, Duration probeTimeout) {
        this.baton = baton;
        this.probeTimeout = probeTimeout;
    }

    /** The names an ensemble depends on, each list in first-use order; {@code missing} are those not found. */
    public record Dependencies(String ensemble, Path file, List<String> profiles, List<String> scripts,
                               List<String> ensembles, List<String> missing) {
    }

    /** One agent's check: {@code problem} null when it can run; for LLM agents the profile, provider and probe. */
    public record AgentCheck(String agent, String kind, boolean runnable, @Nullable String profile,
                             @Nullable String provider, @Nullable Boolean keyPresent, @Nullable String providerState,
                             @Nullable String problem, @Nullable String suggestedProfile) {
    }

    /** The whole ensemble's check: runnable when it validates and every agent can run. */
    public record Readiness(String ensemble, Path file, boolean runnable, List<AgentCheck> agents, List<Problem> problems) {
    }

    /**
     * The dependencies of {@code nameOrPath}, its child ensembles' included.
     *
     * @throws EnsembleNotFoundException when it matches nothing
     * @throws BatonException            {@code VALIDATION} when it does not parse
     */
    public Dependencies dependencies(String nameOrPath) {
        Path file = baton.ensembles().locate(nameOrPath);
        EnsembleSpec root = parse(file);
        Set<String> profiles = new LinkedHashSet<>();
        Set<String> scripts = new LinkedHashSet<>();
        Set<String> children = new LinkedHashSet<>();
        Set<String> missing = new LinkedHashSet<>();
        collect(root, profiles, scripts, children, missing, new LinkedHashSet<>(List.of(root.name())));
        return new Dependencies(root.name(), file, List.copyOf(profiles), List.copyOf(scripts), List.copyOf(children),
                List.copyOf(missing));
    }

    private void collect(EnsembleSpec spec, Set<String> profiles, Set<String> scripts, Set<String> children,
                         Set<String> missing, Set<String> seen) {
        for (AgentSpec a : spec.agents()) {
            switch (a.kind()) {
                case AgentKind.Llm l -> {
                    String p = profileOf(l);
                    if (p != null) profiles.add(p);
                    if (p != null && !baton.profiles().exists(p)) missing.add("profile " + p);
                }
                case AgentKind.Script s -> {
                    if (isNamedScript(s.script())) {
                        scripts.add(s.script());
                        if (baton.ensembles().scripts().find(s.script()).isEmpty()) missing.add("script " + s.script());
                    }
                }
                case AgentKind.Ensemble e -> child(e.ensemble(), profiles, scripts, children, missing, seen);
                case AgentKind.Loop l -> child(l.loop().body(), profiles, scripts, children, missing, seen);
                case AgentKind.Dispatch d -> {
                    // the target is named at run time: nothing to collect before the run
                }
                case AgentKind.Custom c -> {
                }
            }
            if (a.fallbackModelProfile() != null) profiles.add(a.fallbackModelProfile());
        }
    }

    private void child(String name, Set<String> profiles, Set<String> scripts, Set<String> children, Set<String> missing,
                       Set<String> seen) {
        if (name == null) return;
        children.add(name);
        if (!seen.add(name)) return; // a cycle is the validator's to report; here it only stops the walk
        try {
            collect(parse(baton.ensembles().locate(name)), profiles, scripts, children, missing, seen);
        } catch (BatonException e) {
            missing.add("ensemble " + name);
        }
    }

    /** A script agent's {@code script:} names a file rather than inline shell when it is one word. */
    private static boolean isNamedScript(String script) {
        return script != null && !script.isBlank() && script.strip().chars().noneMatch(Character::isWhitespace);
    }

    private @Nullable String profileOf(AgentKind.Llm l) {
        if (l.modelProfile() != null) return l.modelProfile();
        if (l.provider() != null && l.model() != null) return l.provider() + "/" + l.model();
        if (l.taskType() != null) {
            List<String> route = baton.routeOf(l.taskType());
            return route.isEmpty() ? null : route.getFirst();
        }
        return baton.agentModels().defaultProfile().orElse(ProfileResolver.DEFAULT);
    }

    private EnsembleSpec parse(Path file) {
        EnsembleEntry entry = baton.ensembles().read(file);
        if (entry.spec() == null) {
            throw new BatonException(dev.baton.error.ErrorCode.VALIDATION, file + " does not parse: "
                    + (entry.problems().isEmpty() ? "unknown problem" : entry.problems().getFirst()));
        }
        return entry.spec();
    }

    /**
     * Whether {@code nameOrPath} can run now, agent by agent. Providers are probed once each, all at
     * once, within the probe timeout.
     *
     * @throws EnsembleNotFoundException when it matches nothing
     */
    public Readiness check(String nameOrPath) {
        Path file = baton.ensembles().locate(nameOrPath);
        List<Problem> problems = baton.ensembles().validate(file);
        EnsembleSpec spec = parse(file);
        Map<String, ProviderStatus> probes = probeAll();
        List<AgentCheck> agents = new ArrayList<>();
        for (AgentSpec a : spec.agents()) agents.add(check(a, probes));
        boolean runnable = problems.isEmpty() && agents.stream().allMatch(AgentCheck::runnable);
        return new Readiness(spec.name(), file, runnable, agents, problems);
    }

    private AgentCheck check(AgentSpec a, Map<String, ProviderStatus> probes) {
        return switch (a.kind()) {
            case AgentKind.Llm l -> llm(a.name(), profileOf(l), probes);
            case AgentKind.Script s -> {
                if (!isNamedScript(s.script())) yield ok(a.name(), "script");
                Optional<ScriptInfo> found = baton.ensembles().scripts().find(s.script());
                String problem = found.isEmpty() ? "script '" + s.script() + "' not found in " + baton.ensembles().scripts().searchPath()
                        : found.get().runnable() ? null : "script '" + s.script() + "' has no known interpreter and is not executable";
                yield new AgentCheck(a.name(), "script", problem == null, null, null, null, null, problem, null);
            }
            case AgentKind.Ensemble e -> childCheck(a.name(), "ensemble", e.ensemble());
            case AgentKind.Loop l -> childCheck(a.name(), "loop", l.loop().body());
            case AgentKind.Dispatch d -> ok(a.name(), AgentKind.DISPATCH);
            case AgentKind.Custom c -> ok(a.name(), c.kind());
        };
    }

    private static AgentCheck ok(String agent, String kind) {
        return new AgentCheck(agent, kind, true, null, null, null, null, null, null);
    }

    private AgentCheck childCheck(String agent, String kind, String child) {
        try {
            baton.ensembles().locate(child);
            return ok(agent, kind);
        } catch (EnsembleNotFoundException e) {
            return new AgentCheck(agent, kind, false, null, null, null, null, "child ensemble '" + child + "' not found", null);
        }
    }

    private AgentCheck llm(String agent, @Nullable String profile, Map<String, ProviderStatus> probes) {
        if (profile == null) {
            return new AgentCheck(agent, "llm", false, null, null, null, null, "no profile: its task_type has no route",
                    suggestion(probes));
        }
        ResolvedProfile resolved;
        try {
            resolved = baton.profile(profile);
        } catch (BatonException e) {
            return new AgentCheck(agent, "llm", false, profile, null, null, null, e.getMessage(), suggestion(probes));
        }
        ProviderSettings ps = resolved.provider();
        boolean key = hasKey(ps);
        ProviderStatus status = probes.getOrDefault(ps.name(), ProviderStatus.unknown(ps.name(), ps.kind()));
        String problem = !key ? "provider '" + ps.name() + "' has no API key (set "
                + baton.providers().factory(ps.kind()).map(ProviderFactory::keyVariables).orElse(List.of()) + " or store one with baton auth)"
                : status.state() == ProviderStatus.State.UNREACHABLE ? "provider '" + ps.name() + "' is unreachable: " + status.detail()
                : status.state() == ProviderStatus.State.UNAUTHORIZED ? "provider '" + ps.name() + "' refused the key: " + status.detail()
                : null;
        return new AgentCheck(agent, "llm", problem == null, profile, ps.name(), key,
                status.state().name().toLowerCase(java.util.Locale.ROOT), problem, problem == null ? null : suggestion(probes));
    }

    private boolean hasKey(ProviderSettings ps) {
        return baton.providers().factory(ps.kind()).map(f -> !f.needsApiKey(ps)).orElse(false);
    }

    /** The first profile (by name) whose provider has its key and answered its probe. */
    private @Nullable String suggestion(Map<String, ProviderStatus> probes) {
        for (String name : baton.profiles().names()) {
            try {
                ProviderSettings ps = baton.profile(name).provider();
                ProviderStatus s = probes.get(ps.name());
                if (hasKey(ps) && s != null && s.state() == ProviderStatus.State.REACHABLE) return name;
            } catch (BatonException e) {
                // a profile that does not resolve is no suggestion
            }
        }
        return null;
    }

    /** Every provider a profile uses, probed concurrently on virtual threads. */
    private Map<String, ProviderStatus> probeAll() {
        Map<String, ProviderSettings> used = new LinkedHashMap<>();
        for (String name : baton.profiles().names()) {
            try {
                ProviderSettings ps = baton.profile(name).provider();
                used.putIfAbsent(ps.name(), ps);
            } catch (BatonException e) {
                // reported for the agents that use it
            }
        }
        Map<String, Future<ProviderStatus>> futures = new HashMap<>();
        Map<String, ProviderStatus> out = new HashMap<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            used.forEach((name, ps) -> baton.providers().factory(ps.kind()).ifPresent(f -> {
                if (f.needsApiKey(ps)) return; // no key: a probe would only be refused
                futures.put(name, threads.submit(() -> f.probe(ps, probeTimeout, baton.json())));
            }));
            for (var e : futures.entrySet()) {
                try {
                    out.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    out.put(e.getKey(), new ProviderStatus(e.getKey(), used.get(e.getKey()).kind(), ProviderStatus.State.UNREACHABLE,
                            String.valueOf(ex.getCause().getMessage()), List.of()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
