package dev.baton.provider.bedrock.internal;

import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between Jackson trees and the AWS SDK's {@link Document} (the SDK's JSON value type,
 * used for tool schemas, tool inputs and additional model fields). Numbers keep their exact value:
 * integers stay integers, decimals go through {@link BigDecimal}.
 */
public final class DocumentJson {

    private final ObjectMapper json;
    private final JsonNodeFactory nodes;

    public DocumentJson(ObjectMapper json) {
        this.json = json;
        this.nodes = json.getNodeFactory();
    }

    /** The document for a JSON text; a blank text is an empty object. */
    public Document fromJsonText(String text) {
        if (text == null || text.isBlank()) return Document.fromMap(Map.of());
        return documentOf(json.readTree(text));
    }

    /** The document for any Java value Jackson can turn into a tree (maps, lists, scalars). */
    public Document fromValue(Object value) {
        return documentOf(json.valueToTree(value));
    }

    public Document documentOf(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return Document.fromNull();
        if (node.isObject()) {
            Map<String, Document> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) map.put(e.getKey(), documentOf(e.getValue()));
            return Document.fromMap(map);
        }
        if (node.isArray()) {
            List<Document> list = new ArrayList<>(node.size());
            for (JsonNode item : node) list.add(documentOf(item));
            return Document.fromList(list);
        }
        if (node.isBoolean()) return Document.fromBoolean(node.booleanValue());
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? Document.fromNumber(node.longValue())
                    : Document.fromNumber(node.bigIntegerValue());
        }
        if (node.isNumber()) return Document.fromNumber(SdkNumber.fromBigDecimal(node.decimalValue()));
        return Document.fromString(node.asString());
    }

    public JsonNode toNode(Document doc) {
        if (doc == null || doc.isNull()) return nodes.nullNode();
        if (doc.isMap()) {
            ObjectNode object = nodes.objectNode();
            doc.asMap().forEach((k, v) -> object.set(k, toNode(v)));
            return object;
        }
        if (doc.isList()) {
            ArrayNode array = nodes.arrayNode();
            for (Document item : doc.asList()) array.add(toNode(item));
            return array;
        }
        if (doc.isBoolean()) return nodes.booleanNode(doc.asBoolean());
        if (doc.isNumber()) return number(doc.asNumber());
        return nodes.stringNode(doc.asString());
    }

    private JsonNode number(SdkNumber n) {
        String s = n.toString();
        boolean integral = s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0;
        if (!integral) return nodes.numberNode(new BigDecimal(s));
        BigInteger big = new BigInteger(s);
        return big.bitLength() < 64 ? nodes.numberNode(big.longValue()) : nodes.numberNode(big);
    }

    /** The compact JSON text of a document. */
    public String toJsonText(Document doc) {
        return json.writeValueAsString(toNode(doc));
    }
}
