package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.operation.ItemsResponse;
import io.dynarocks.protocol.expression.legacy.LegacyParameters;
import io.dynarocks.protocol.operation.ReadOptions;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.ScanRequest;
import io.dynarocks.storage.KeyRange;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Scan: reads a table or index in storage order. Segment {@code i} of {@code N} is the contiguous range
 * of partition hashes {@code [i * 2^32 / N, (i + 1) * 2^32 / N)}, so segments neither overlap nor leave gaps.
 */
public final class ScanOperation implements Operation<ScanRequest> {

    private static final long HASH_SPACE = 1L << 32;

    private final Engine engine;

    public ScanOperation(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Response execute(ScanRequest request) {
        ReadOptions o = request.options();
        LegacyParameters.checkNotMixed(
                Arrays.asList(o.attributesToGet() != null ? "AttributesToGet" : null,
                        o.legacyFilter() != null ? "ScanFilter" : null,
                        o.conditionalOperator() != null ? "ConditionalOperator" : null),
                Arrays.asList(o.projectionExpression() != null ? "ProjectionExpression" : null,
                        o.filterExpression() != null ? "FilterExpression" : null));
        boolean anyExpression = o.projectionExpression() != null || o.filterExpression() != null;
        ExpressionContext ctx = ItemExpressions.context(o.expressionParameters(), anyExpression,
                "FilterExpression and ProjectionExpression are null");
        PagedRead read = new PagedRead(engine, o, ctx, false);
        KeyRange range = segment(ItemKeys.index(read.table().storageId(), read.target().indexId()), request.segment(),
                request.totalSegments());
        if (request.segment() != null && read.start() != null && !range.contains(read.start())) {
            throw DynamoException.validation("The provided starting key is invalid: Invalid ExclusiveStartKey. "
                    + "Please use ExclusiveStartKey with correct Segment. TotalSegments: " + request.totalSegments()
                    + " Segment: " + request.segment());
        }
        return read.page(range, false, null);
    }

    /**
     * Runs a scan whose filter (null for none) and projection (null for all) are resolved already (a
     * translated PartiQL SELECT); the request carries no expressions.
     */
    public ItemsResponse execute(ScanRequest request, Condition filter, Projection projection) {
        PagedRead read = new PagedRead(engine, request.options(), filter, projection);
        KeyRange range = segment(ItemKeys.index(read.table().storageId(), read.target().indexId()), request.segment(),
                request.totalSegments());
        return read.page(range, false, null);
    }

    /** The part of {@code index}'s key space whose partition hashes fall in the segment. */
    static KeyRange segment(KeyRange index, Integer segment, Integer totalSegments) {
        if (segment == null) {
            return index;
        }
        long low = segment * HASH_SPACE / totalSegments;
        long high = (segment + 1L) * HASH_SPACE / totalSegments;
        byte[] from = ByteBuffer.allocate(index.from().length + 4).put(index.from()).putInt((int) low).array();
        byte[] to = high == HASH_SPACE ? index.to()
                : ByteBuffer.allocate(index.from().length + 4).put(index.from()).putInt((int) high).array();
        return new KeyRange(from, to);
    }
}
