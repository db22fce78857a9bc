package io.dynarocks.engine.expression;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.DocumentPath;
import io.dynarocks.protocol.expression.Projection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies a {@link Projection} to an item. Nested paths keep their structure, as DynamoDB returns them:
 * {@code a.b} gives {@code {a: {b: ...}}}, and selected list elements ({@code l[3], l[1]}) come back as a
 * list of those elements in index order. Paths that do not resolve are left out.
 */
public final class Projector {

    private Projector() {}

    public static Map<String, AttributeValue> project(Projection p, Map<String, AttributeValue> item) {
        Node root = new Node();
        for (DocumentPath path : p.paths()) {
            AttributeValue value = PathReader.read(item, path);
            if (value != null) {
                root.insert(path, 0, value);
            }
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        // Keep the item's attribute order for top-level attributes.
        for (String name : item.keySet()) {
            Node child = root.fields.get(name);
            if (child != null) {
                out.put(name, child.render());
            }
        }
        return out;
    }

    /** A partial copy of the item: either a selected value, or selected map keys / list indexes. */
    private static final class Node {
        AttributeValue value;
        final Map<String, Node> fields = new LinkedHashMap<>();
        final TreeMap<Integer, Node> items = new TreeMap<>();

        void insert(DocumentPath path, int at, AttributeValue leaf) {
            if (at == path.size()) {
                value = leaf;
                return;
            }
            DocumentPath.Element e = path.get(at);
            Node child = e instanceof DocumentPath.Name n
                    ? fields.computeIfAbsent(n.name(), k -> new Node())
                    : items.computeIfAbsent(((DocumentPath.Index) e).index(), k -> new Node());
            child.insert(path, at + 1, leaf);
        }

        AttributeValue render() {
            if (value != null) {
                return value;
            }
            if (!items.isEmpty()) {
                List<AttributeValue> list = new ArrayList<>();
                items.values().forEach(n -> list.add(n.render()));
                return new AttributeValue.L(list);
            }
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            fields.forEach((k, n) -> map.put(k, n.render()));
            return new AttributeValue.M(map);
        }
    }
}
