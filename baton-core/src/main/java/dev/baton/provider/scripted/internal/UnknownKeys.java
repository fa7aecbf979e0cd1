package dev.baton.provider.scripted.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the first key of a parsed tree that the target records do not declare (by their
 * {@link JsonProperty} names), descending into record-typed and list-of-record-typed
 * components. Jackson reports unknown properties of records only after their constructor ran, so
 * a constructor's own check would otherwise hide a misspelt key; this check runs first.
 */
public final class UnknownKeys {

    /** An undeclared key: where (path segments, strings and indexes), which, and the keys declared there. */
    public record UnknownKey(List<Object> path, String key, List<String> known) {
    }

    private UnknownKeys() {
    }

    public static Optional<UnknownKey> find(JsonNode tree, Class<? extends Record> type) {
        return walk(tree, type, new ArrayList<>());
    }

    private static Optional<UnknownKey> walk(JsonNode node, Type type, List<Object> path) {
        if (type instanceof Class<?> c && c.isRecord() && node.isObject()) return walkRecord(node, c, path);
        if (type instanceof ParameterizedType p && p.getRawType() == List.class && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                Optional<UnknownKey> found = walk(node.get(i), p.getActualTypeArguments()[0], path);
                if (found.isPresent()) return found;
                path.removeLast();
            }
        }
        return Optional.empty();
    }

    private static Optional<UnknownKey> walkRecord(JsonNode node, Class<?> type, List<Object> path) {
        List<String> known = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) known.add(jsonName(component));
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            int index = known.indexOf(e.getKey());
            path.add(e.getKey());
            if (index < 0) return Optional.of(new UnknownKey(List.copyOf(path), e.getKey(), known));
            Optional<UnknownKey> found = walk(e.getValue(), type.getRecordComponents()[index].getGenericType(), path);
            if (found.isPresent()) return found;
            path.removeLast();
        }
        return Optional.empty();
    }

    /** The JSON name: {@code @JsonProperty} is not a record-component annotation, so it is read from the accessor. */
    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property == null || property.value().isEmpty() ? component.getName() : property.value();
    }
}
