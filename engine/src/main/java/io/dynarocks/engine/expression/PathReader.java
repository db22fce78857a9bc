package io.dynarocks.engine.expression;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.DocumentPath;
import java.util.List;
import java.util.Map;

/** Reads the value at a document path of an item. */
final class PathReader {

    private PathReader() {}

    /** The value, or null when the path does not resolve (missing key, index out of range, wrong type). */
    static AttributeValue read(Map<String, AttributeValue> item, DocumentPath path) {
        AttributeValue current = item.get(path.attribute());
        for (int i = 1; i < path.size() && current != null; i++) {
            current = step(current, path.get(i));
        }
        return current;
    }

    static AttributeValue step(AttributeValue container, DocumentPath.Element element) {
        if (element instanceof DocumentPath.Name name) {
            return container instanceof AttributeValue.M m ? m.values().get(name.name()) : null;
        }
        int index = ((DocumentPath.Index) element).index();
        if (container instanceof AttributeValue.L l) {
            List<AttributeValue> values = l.values();
            return index < values.size() ? values.get(index) : null;
        }
        return null;
    }
}
