package dev.baton.provider.scripted.internal;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Resolves {@code $ref}s within one schema document: JSON pointers ({@code #}, {@code #/$defs/x},
 * {@code #/definitions/x}, any other pointer), {@code $anchor}s and embedded {@code $id}s. A
 * reference it cannot resolve (a remote document) resolves to the accepting schema {@code true},
 * so generation degrades instead of failing. Sibling keywords next to a {@code $ref} are merged
 * with its target, as in draft 2019-09 and later.
 */
public final class SchemaResolver {

    private static final int MAX_HOPS = 32;
    private static final Set<String> NON_CONSTRAINING = Set.of("$ref", "$defs", "definitions", "$schema", "$id",
            "$comment", "title", "description", "$anchor");

    private final JsonNode root;
    private final SchemaMerger merger;

    public SchemaResolver(JsonNode root) {
        this.root = root;
        this.merger = new SchemaMerger(this);
    }

    public JsonNode root() {
        return root;
    }

    public SchemaMerger merger() {
        return merger;
    }

    /** {@code schema} with its top-level {@code $ref} chain followed; never returns null. */
    public JsonNode resolve(JsonNode schema) {
        JsonNode current = schema == null || schema.isMissingNode() ? BooleanNode.TRUE : schema;
        for (int hop = 0; hop < MAX_HOPS && current.isObject() && current.has("$ref"); hop++) {
            JsonNode target = lookup(current.get("$ref").asString(""));
            ObjectNode siblings = constrainingSiblings((ObjectNode) current);
            current = siblings.isEmpty() ? target : merger.merge(List.of(target, siblings));
        }
        return current;
    }

    private static ObjectNode constrainingSiblings(ObjectNode schema) {
        ObjectNode rest = schema.objectNode();
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            if (!NON_CONSTRAINING.contains(e.getKey())) rest.set(e.getKey(), e.getValue());
        }
        return rest;
    }

    private JsonNode lookup(String ref) {
        int hash = ref.indexOf('#');
        String base = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : URLDecoder.decode(ref.substring(hash + 1), StandardCharsets.UTF_8);
        JsonNode document = base.isEmpty() || base.equals(root.path("$id").asString("")) ? root : findById(base);
        if (document == null) return BooleanNode.TRUE;
        if (fragment.isEmpty()) return document;
        if (fragment.startsWith("/")) {
            JsonNode target = document.at(JsonPointer.compile(fragment));
            return target.isMissingNode() ? BooleanNode.TRUE : target;
        }
        JsonNode anchored = find(document, "$anchor", fragment::equals);
        return anchored == null ? BooleanNode.TRUE : anchored;
    }

    private JsonNode findById(String id) {
        JsonNode exact = find(root, "$id", id::equals);
        if (exact != null) return exact;
        return find(root, "$id", candidate -> candidate.endsWith("/" + id) || id.endsWith("/" + candidate));
    }

    private static JsonNode find(JsonNode document, String keyword, Predicate<String> test) {
        Deque<JsonNode> queue = new ArrayDeque<>();
        queue.add(document);
        while (!queue.isEmpty()) {
            JsonNode node = queue.poll();
            if (node.isObject() && node.path(keyword).isString() && test.test(node.get(keyword).asString())) {
                return node;
            }
            for (JsonNode child : node.values()) {
                if (child.isContainer()) queue.add(child);
            }
        }
        return null;
    }
}
