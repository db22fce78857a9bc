package io.dynarocks.protocol.model;

/** Live item count and size of a table or index, as DescribeTable reports them. */
public record IndexStats(long itemCount, long sizeBytes) {
    public static final IndexStats EMPTY = new IndexStats(0, 0);
}
