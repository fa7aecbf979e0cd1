package dev.baton.server.gateway.internal;

import tools.jackson.databind.JsonNode;

/** Typed reads of optional request fields; a value of the wrong type is an {@link InvalidField}. */
final class Fields {

    private Fields() {
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isString()) throw new InvalidField(field, "must be a string");
        return v.asString();
    }

    static Double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw new InvalidField(field, "must be a number");
        return v.asDouble();
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw new InvalidField(field, "must be an integer");
        return v.asInt();
    }

    static Long longInteger(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new InvalidField(field, "must be an integer");
        return v.asLong();
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) throw new InvalidField(field, "must be true or false");
        return v.asBoolean();
    }
}
