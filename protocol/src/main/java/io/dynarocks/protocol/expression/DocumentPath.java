package io.dynarocks.protocol.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A resolved document path: a top-level attribute name followed by map keys and list indexes. */
public record DocumentPath(List<Element> elements) {

    public DocumentPath {
        elements = List.copyOf(elements);
        if (elements.isEmpty() || !(elements.get(0) instanceof Name)) {
            throw new IllegalArgumentException("a document path starts with an attribute name");
        }
    }

    /** One step of a path. */
    public sealed interface Element permits Name, Index {}

    /** A map key (or, first, the top-level attribute name). */
    public record Name(String name) implements Element {}

    /** A list index. */
    public record Index(int index) implements Element {}

    /** A path of one top-level attribute. */
    public static DocumentPath of(String attribute) {
        return new DocumentPath(List.of(new Name(attribute)));
    }

    /** Parses nothing: builds {@code a.b[1]}-like paths for tests from names and integers. */
    public static DocumentPath of(Object... parts) {
        List<Element> list = new ArrayList<>();
        for (Object part : parts) {
            list.add(part instanceof Integer i ? new Index(i) : new Name((String) part));
        }
        return new DocumentPath(list);
    }

    /** The top-level attribute name. */
    public String attribute() {
        return ((Name) elements.get(0)).name();
    }

    public int size() {
        return elements.size();
    }

    public Element get(int i) {
        return elements.get(i);
    }

    /** DynamoDB's rendering in error messages: {@code [a, b, [1]]}. */
    public String describe() {
        return elements.stream()
                .map(e -> e instanceof Index i ? "[" + i.index() + "]" : ((Name) e).name())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Element e : elements) {
            if (e instanceof Index i) {
                sb.append('[').append(i.index()).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(((Name) e).name());
            }
        }
        return sb.toString();
    }
}
