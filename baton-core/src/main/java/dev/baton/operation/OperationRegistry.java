package dev.baton.operation;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The operations Baton knows: the Java handlers registered on {@code Baton.Builder} (fixed when the
 * registry is built) and the declarative ones a supplier reads from the definition files on every
 * call. Java handlers come first, so a definition file cannot replace one. Thread-safe.
 */
public final class OperationRegistry {

    private final List<OperationHandler> handlers;
    private final Supplier<List<OperationEntry>> declared;

    /**
     * @param handlers the Java handlers; two with one id are refused
     * @param declared the declarative operations, in tier order (read on every call)
     */
    public OperationRegistry(List<OperationHandler> handlers, Supplier<List<OperationEntry>> declared) {
        Set<String> ids = new HashSet<>();
        for (OperationHandler h : handlers) {
            if (!ids.add(h.definition().id())) {
                throw new IllegalArgumentException("two operation handlers registered for " + h.definition().id());
            }
        }
        this.handlers = handlers.stream().sorted(Comparator.comparing(h -> h.definition().id())).toList();
        this.declared = declared;
    }

    /** Java handlers, then declared operations; each id after its first entry marked shadowed. */
    public List<OperationEntry> entries() {
        List<OperationEntry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (OperationHandler h : handlers) {
            seen.add(h.definition().id());
            out.add(new OperationEntry(h, OperationEntry.JAVA, null, 0, false));
        }
        for (OperationEntry e : declared.get()) out.add(seen.add(e.id()) ? e : e.asShadowed());
        return out;
    }

    /**
     * The entry of {@code id} that is not shadowed.
     *
     * @throws BatonException {@code UNKNOWN_FEATURE} or {@code UNKNOWN_OPERATION}, listing what exists
     */
    public OperationEntry find(String id) {
        List<OperationEntry> all = entries();
        for (OperationEntry e : all) {
            if (!e.shadowed() && e.id().equals(id)) return e;
        }
        throw unknown(id, all);
    }

    private static BatonException unknown(String id, List<OperationEntry> all) {
        Map<String, TreeSet<String>> byFeature = new LinkedHashMap<>();
        for (OperationEntry e : all) byFeature.computeIfAbsent(e.definition().feature(), f -> new TreeSet<>()).add(e.id());
        int dot = id.indexOf('.');
        String feature = dot < 0 ? id : id.substring(0, dot);
        TreeSet<String> features = new TreeSet<>(byFeature.keySet());
        if (dot < 0 || !byFeature.containsKey(feature)) {
            String known = features.isEmpty() ? "there are none (add one in .baton/operations/)" : "features: " + String.join(", ", features);
            return BatonException.builder(ErrorCode.UNKNOWN_FEATURE,
                            (dot < 0 ? "'" + id + "' is not FEATURE.OPERATION and no feature" : "no feature '" + feature + "'")
                                    + "; " + known)
                    .context(ErrorContext.EMPTY.withOperation(id))
                    .suggestion("see: baton ops list").build();
        }
        return BatonException.builder(ErrorCode.UNKNOWN_OPERATION, "feature '" + feature + "' has no operation '"
                        + id.substring(dot + 1) + "'; its operations: " + String.join(", ", byFeature.get(feature)))
                .context(ErrorContext.EMPTY.withOperation(id))
                .suggestion("see: baton ops list").build();
    }
}
