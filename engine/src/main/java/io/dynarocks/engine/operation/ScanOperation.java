package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.read.PageReader;
import io.dynarocks.engine.read.ReadTarget;
import io.dynarocks.engine.read.Selection;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.legacy.LegacyParameters;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ItemsResponse;
import io.dynarocks.protocol.operation.ReadOptions;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.ScanRequest;
import io.dynarocks.storage.KeyRange;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;

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
        Predicate<Map<String, AttributeValue>> filter = ReadExpressions.filter(o, ctx);
        TableDefinition table = engine.catalog().require(o.tableName());
        ReadTarget target = ReadTarget.resolve(table, o.indexName(), o.consistentRead());
        Selection selection = ReadExpressions.selection(o, ctx, target);
        ctx.checkAllUsed();
        KeyRange range = segment(ItemKeys.index(table.storageId(), target.indexId()), request.segment(),
                request.totalSegments());
        byte[] start = o.exclusiveStartKey() == null ? null : target.startKey(o.exclusiveStartKey());
        PageReader.Page page = PageReader.read(engine.storage(), target, range, false, start, o.limit(), filter,
                selection);
        return new ItemsResponse(page.items(), page.count(), page.scannedCount(), page.lastEvaluatedKey(),
                ReadCapacity.of(o.returnConsumedCapacity(), target, page, o.consistentRead()));
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
