package io.dynarocks.engine.expression;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.DocumentPath;
import io.dynarocks.protocol.expression.Update;
import io.dynarocks.protocol.expression.UpdateAction;
import io.dynarocks.protocol.expression.UpdateValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies an {@link Update} to an item and returns the new item. Every value is computed from the old
 * item first (so {@code SET a = b, b = a} swaps), then written in path order, so that several
 * assignments past the end of one list append in index order, as DynamoDB does; removals of list
 * elements refer to the old indexes, so they are applied last and from the highest index down.
 */
public final class UpdateApplier {

    private UpdateApplier() {}

    private record Write(DocumentPath path, AttributeValue value) {}

    public static Map<String, AttributeValue> apply(Update u, Map<String, AttributeValue> item) {
        List<Write> writes = new ArrayList<>();
        List<Write> removals = new ArrayList<>();
        for (UpdateAction action : u.actions()) {
            if (action instanceof UpdateAction.Set set) {
                writes.add(new Write(set.path(), evaluate(set.value(), item, u.legacy())));
            } else if (action instanceof UpdateAction.Remove remove) {
                removals.add(new Write(remove.path(), null));
            } else if (action instanceof UpdateAction.Add add) {
                AttributeValue old = PathReader.read(item, add.path());
                writes.add(new Write(add.path(), add(old, add.value(), u.legacy())));
            } else {
                UpdateAction.Delete delete = (UpdateAction.Delete) action;
                AttributeValue old = PathReader.read(item, delete.path());
                AttributeValue remaining = old == null ? null : delete(old, delete.value(), u.legacy());
                (remaining == null ? removals : writes).add(new Write(delete.path(), remaining));
            }
        }
        // Paths never overlap (the parser rejects that), so only list indexes make the order matter.
        writes.sort(Comparator.comparing(Write::path, UpdateApplier::comparePaths));
        removals.sort(Comparator.comparing(Write::path, UpdateApplier::comparePaths).reversed());
        Map<String, AttributeValue> result = new LinkedHashMap<>(item);
        for (Write w : writes) {
            write(result, w);
        }
        for (Write w : removals) {
            write(result, w);
        }
        return result;
    }

    private static AttributeValue evaluate(UpdateValue v, Map<String, AttributeValue> item, boolean legacy) {
        if (v instanceof UpdateValue.Literal l) {
            return l.value();
        }
        if (v instanceof UpdateValue.PathValue p) {
            AttributeValue value = PathReader.read(item, p.path());
            if (value == null) {
                throw DynamoException.validation(
                        "The provided expression refers to an attribute that does not exist in the item");
            }
            return value;
        }
        if (v instanceof UpdateValue.IfNotExists f) {
            AttributeValue value = PathReader.read(item, f.path());
            return value != null ? value : evaluate(f.fallback(), item, legacy);
        }
        if (v instanceof UpdateValue.ListAppend a) {
            AttributeValue first = evaluate(a.first(), item, legacy);
            AttributeValue second = evaluate(a.second(), item, legacy);
            if (!(first instanceof AttributeValue.L x) || !(second instanceof AttributeValue.L y)) {
                throw wrongType(legacy);
            }
            List<AttributeValue> joined = new ArrayList<>(x.values());
            joined.addAll(y.values());
            return new AttributeValue.L(joined);
        }
        UpdateValue.Arithmetic a = (UpdateValue.Arithmetic) v;
        AttributeValue left = evaluate(a.left(), item, legacy);
        AttributeValue right = evaluate(a.right(), item, legacy);
        if (!(left instanceof AttributeValue.N x) || !(right instanceof AttributeValue.N y)) {
            throw wrongType(legacy);
        }
        return new AttributeValue.N(a.plus() ? x.value().add(y.value()) : x.value().subtract(y.value()));
    }

    private static AttributeValue add(AttributeValue old, AttributeValue v, boolean legacy) {
        if (old == null) {
            return v;
        }
        if (old instanceof AttributeValue.N x && v instanceof AttributeValue.N y) {
            return new AttributeValue.N(x.value().add(y.value()));
        }
        if (old instanceof AttributeValue.SS x && v instanceof AttributeValue.SS y) {
            return new AttributeValue.SS(union(x.values(), y.values()));
        }
        if (old instanceof AttributeValue.NS x && v instanceof AttributeValue.NS y) {
            return new AttributeValue.NS(union(x.values(), y.values()));
        }
        if (old instanceof AttributeValue.BS x && v instanceof AttributeValue.BS y) {
            return new AttributeValue.BS(union(x.values(), y.values()));
        }
        throw wrongType(legacy);
    }

    /** The set without the given elements, or null when nothing remains (the attribute is removed). */
    private static AttributeValue delete(AttributeValue old, AttributeValue v, boolean legacy) {
        if (old instanceof AttributeValue.SS x && v instanceof AttributeValue.SS y) {
            Set<String> rest = minus(x.values(), y.values());
            return rest.isEmpty() ? null : new AttributeValue.SS(rest);
        }
        if (old instanceof AttributeValue.NS x && v instanceof AttributeValue.NS y) {
            Set<io.dynarocks.protocol.DynamoNumber> rest = minus(x.values(), y.values());
            return rest.isEmpty() ? null : new AttributeValue.NS(rest);
        }
        if (old instanceof AttributeValue.BS x && v instanceof AttributeValue.BS y) {
            Set<AttributeValue.Binary> rest = minus(x.values(), y.values());
            return rest.isEmpty() ? null : new AttributeValue.BS(rest);
        }
        throw wrongType(legacy);
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static <T> Set<T> minus(Set<T> a, Set<T> b) {
        Set<T> out = new LinkedHashSet<>(a);
        out.removeAll(b);
        return out;
    }

    /** Writes (or, for a null value, removes) one path; its parent must exist and have the right type. */
    private static void write(Map<String, AttributeValue> item, Write w) {
        String head = w.path().attribute();
        if (w.path().size() == 1) {
            if (w.value() == null) {
                item.remove(head);
            } else {
                item.put(head, w.value());
            }
            return;
        }
        AttributeValue top = item.get(head);
        if (top == null) {
            throw invalidPath();
        }
        item.put(head, writeIn(top, w.path(), 1, w.value()));
    }

    private static AttributeValue writeIn(AttributeValue container, DocumentPath path, int at, AttributeValue value) {
        boolean last = at == path.size() - 1;
        DocumentPath.Element e = path.get(at);
        if (e instanceof DocumentPath.Name name) {
            if (!(container instanceof AttributeValue.M m)) {
                throw invalidPath();
            }
            Map<String, AttributeValue> map = new LinkedHashMap<>(m.values());
            if (last) {
                if (value == null) {
                    map.remove(name.name());
                } else {
                    map.put(name.name(), value);
                }
            } else {
                AttributeValue child = map.get(name.name());
                if (child == null) {
                    throw invalidPath();
                }
                map.put(name.name(), writeIn(child, path, at + 1, value));
            }
            return new AttributeValue.M(map);
        }
        int index = ((DocumentPath.Index) e).index();
        if (!(container instanceof AttributeValue.L l)) {
            throw invalidPath();
        }
        List<AttributeValue> list = new ArrayList<>(l.values());
        if (last) {
            if (value == null) {
                if (index < list.size()) {
                    list.remove(index);
                }
            } else if (index < list.size()) {
                list.set(index, value);
            } else {
                // DynamoDB: assigning past the end of a list appends.
                list.add(value);
            }
        } else {
            if (index >= list.size()) {
                throw invalidPath();
            }
            list.set(index, writeIn(list.get(index), path, at + 1, value));
        }
        return new AttributeValue.L(list);
    }

    private static int comparePaths(DocumentPath a, DocumentPath b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            DocumentPath.Element x = a.get(i);
            DocumentPath.Element y = b.get(i);
            int c;
            if (x instanceof DocumentPath.Index xi && y instanceof DocumentPath.Index yi) {
                c = Integer.compare(xi.index(), yi.index());
            } else if (x instanceof DocumentPath.Name xn && y instanceof DocumentPath.Name yn) {
                c = xn.name().compareTo(yn.name());
            } else {
                c = x instanceof DocumentPath.Index ? 1 : -1;
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static DynamoException wrongType(boolean legacy) {
        return DynamoException.validation(legacy ? "Type mismatch for attribute to update"
                : "An operand in the update expression has an incorrect data type");
    }

    private static DynamoException invalidPath() {
        return DynamoException.validation("The document path provided in the update expression is invalid for update");
    }
}
