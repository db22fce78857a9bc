package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.limits.Throughput;
import io.dynarocks.engine.read.KeyAttributeRules;
import io.dynarocks.engine.read.PageReader;
import io.dynarocks.engine.read.ReadTarget;
import io.dynarocks.engine.read.Selection;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.DocumentPath;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import io.dynarocks.protocol.operation.ItemsResponse;
import io.dynarocks.protocol.operation.ReadOptions;
import io.dynarocks.storage.KeyRange;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What Query and Scan share: the table or index read, its filter and selection, and the one-page answer. */
final class PagedRead {

    private final Engine engine;
    private final ReadOptions options;
    private final TableDefinition table;
    private final ReadTarget target;
    private final Predicate<Map<String, AttributeValue>> filter;
    private final Selection selection;
    private final byte[] start;

    /**
     * Resolves filter, target and selection and checks them against the key schema; callers take what
     * else they need from {@code ctx} first.
     *
     * @param query true for a Query, whose filter may not name the key attributes it reads by
     */
    PagedRead(Engine engine, ReadOptions options, ExpressionContext ctx, boolean query) {
        this.engine = engine;
        this.options = options;
        Condition condition = ReadExpressions.filter(options, ctx);
        this.filter = ReadExpressions.predicate(condition);
        this.table = engine.catalog().require(options.tableName());
        this.target = ReadTarget.resolve(table, options.indexName(), options.consistentRead());
        this.selection = ReadExpressions.selection(options, ctx, target);
        ctx.checkAllUsed();
        this.start = options.exclusiveStartKey() == null ? null : target.startKey(options.exclusiveStartKey());
        check(condition, query, options.filterExpression() != null ? "Filter Expression" : "QueryFilter");
    }

    /**
     * A read whose filter (null for none) and projection (null for all) are resolved already (a translated
     * PartiQL SELECT). Its filter may name key attributes: a WHERE clause such as {@code sk > 2 AND sk < 8}
     * becomes one bound in the key condition and the other in the filter.
     */
    PagedRead(Engine engine, ReadOptions options, Condition condition, Projection projection) {
        this.engine = engine;
        this.options = options;
        this.filter = ReadExpressions.predicate(condition);
        this.table = engine.catalog().require(options.tableName());
        this.target = ReadTarget.resolve(table, options.indexName(), options.consistentRead());
        this.selection = Selection.of(options.select(), projection, projection == null ? null : "ProjectionExpression",
                target);
        this.start = options.exclusiveStartKey() == null ? null : target.startKey(options.exclusiveStartKey());
        check(condition, false, "Filter Expression");
    }

    /** The projection and filter against the key schema; {@code filterName} names the filter in messages. */
    private void check(Condition condition, boolean query, String filterName) {
        if (selection.projection() != null) {
            KeyAttributeRules.checkNoNestedKeyPaths(table, selection.projection().paths());
        }
        if (condition != null) {
            List<DocumentPath> paths = Condition.paths(condition);
            if (query) {
                KeyAttributeRules.checkFilterAvoidsKeys(target, paths, filterName);
            }
            KeyAttributeRules.checkNoNestedKeyPaths(table, paths);
        }
    }

    TableDefinition table() {
        return table;
    }

    ReadTarget target() {
        return target;
    }

    /** The ExclusiveStartKey's storage key, or null. */
    byte[] start() {
        return start;
    }

    /**
     * Reads one page of {@code range} from ExclusiveStartKey on and answers with its items, counts and capacity;
     * {@code hash} is the partition key value a Query reads (null for a Scan, which reads every partition).
     */
    ItemsResponse page(KeyRange range, boolean reverse, AttributeValue hash) {
        String index = options.indexName();
        boolean limited = engine.limited();
        if (limited) {
            engine.throughput().admitRead(table, index, hash);
        }
        PageReader.Page page = PageReader.read(engine.storage(), target, range, reverse, start, options.limit(),
                filter, selection);
        String requested = options.returnConsumedCapacity();
        ConsumedCapacity consumed = ReadCapacity.of(limited ? Throughput.METERED : requested, target, page,
                options.consistentRead());
        return new ItemsResponse(page.items(), page.count(), page.scannedCount(), page.lastEvaluatedKey(),
                limited ? engine.throughput().chargeRead(table, index, hash, consumed, requested) : consumed);
    }
}
