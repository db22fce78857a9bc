package io.dynarocks.engine.partiql;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.operation.DeleteItemOperation;
import io.dynarocks.engine.operation.PutItemOperation;
import io.dynarocks.engine.operation.QueryOperation;
import io.dynarocks.engine.operation.ScanOperation;
import io.dynarocks.engine.operation.UpdateItemOperation;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import io.dynarocks.protocol.operation.ExpressionParameters;
import io.dynarocks.protocol.operation.ItemResponse;
import io.dynarocks.protocol.operation.ItemsResponse;
import io.dynarocks.protocol.operation.QueryRequest;
import io.dynarocks.protocol.operation.ReadOptions;
import io.dynarocks.protocol.operation.ScanRequest;
import io.dynarocks.protocol.partiql.NextToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a planned statement through the engine's operations and gathers their answers. */
public final class StatementRunner {

    /** What a statement answered: items, where a SELECT goes on (null when done), and the capacity charged. */
    public record Result(List<Map<String, AttributeValue>> items, NextToken nextToken,
            Map<String, AttributeValue> lastEvaluatedKey, ConsumedCapacity consumedCapacity) {}

    private final QueryOperation queries;
    private final ScanOperation scans;
    private final PutItemOperation puts;
    private final UpdateItemOperation updates;
    private final DeleteItemOperation deletes;

    public StatementRunner(Engine engine) {
        this.queries = new QueryOperation(engine);
        this.scans = new ScanOperation(engine);
        this.puts = new PutItemOperation(engine);
        this.updates = new UpdateItemOperation(engine);
        this.deletes = new DeleteItemOperation(engine);
    }

    /**
     * Runs {@code plan}; a SELECT reads one page (at most {@code limit} items evaluated, 1 MB) from
     * {@code from} on (null for the start).
     */
    public Result run(Plan plan, Integer limit, NextToken from, boolean consistentRead, String returnConsumedCapacity) {
        if (plan instanceof Plan.Select s) {
            return s.partitions() == null ? scan(s, limit, from, consistentRead, returnConsumedCapacity)
                    : query(s, limit, from, consistentRead, returnConsumedCapacity);
        }
        if (plan instanceof Plan.Check) {
            throw DynamoException.validation("EXISTS can only be used in ExecuteTransaction write requests.");
        }
        ItemResponse response;
        if (plan instanceof Plan.Insert i) {
            response = (ItemResponse) puts.execute(i.request(), i.condition());
        } else if (plan instanceof Plan.Modify m) {
            response = (ItemResponse) updates.execute(m.request(), m.update(), m.condition());
        } else {
            Plan.Remove r = (Plan.Remove) plan;
            response = (ItemResponse) deletes.execute(r.request(), r.condition());
        }
        List<Map<String, AttributeValue>> items = response.item() == null ? List.of() : List.of(response.item());
        return new Result(items, null, null, response.consumedCapacity());
    }

    private Result scan(Plan.Select s, Integer limit, NextToken from, boolean consistentRead, String capacity) {
        ReadOptions options = options(s, limit, from == null ? null : from.lastEvaluatedKey(), consistentRead, capacity);
        ItemsResponse page = scans.execute(new ScanRequest(options, null, null), s.filter(), s.projection());
        NextToken next = page.lastEvaluatedKey() == null ? null : new NextToken(0, page.lastEvaluatedKey());
        return new Result(page.items(), next, page.lastEvaluatedKey(), page.consumedCapacity());
    }

    // One query per partition key value, in order; a page ends where a query stops early or the limit is met.
    private Result query(Plan.Select s, Integer limit, NextToken from, boolean consistentRead, String capacity) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        ConsumedCapacity charged = null;
        int partition = from == null ? 0 : from.partition();
        Map<String, AttributeValue> start = from == null ? null : from.lastEvaluatedKey();
        int evaluated = 0;
        for (; partition < s.partitions().size(); partition++) {
            Integer left = limit == null ? null : limit - evaluated;
            ReadOptions options = options(s, left, start, consistentRead, capacity);
            ItemsResponse page = queries.execute(new QueryRequest(options, null, null, !s.descending()),
                    s.keyCondition(s.partitions().get(partition)), s.filter(), s.projection());
            items.addAll(page.items());
            evaluated += page.scannedCount();
            charged = charged == null ? page.consumedCapacity()
                    : page.consumedCapacity() == null ? charged : charged.plus(page.consumedCapacity());
            start = null;
            if (page.lastEvaluatedKey() != null) {
                return new Result(items, new NextToken(partition, page.lastEvaluatedKey()), page.lastEvaluatedKey(),
                        charged);
            }
            if (limit != null && evaluated >= limit && partition + 1 < s.partitions().size()) {
                return new Result(items, new NextToken(partition + 1, null), null, charged);
            }
        }
        return new Result(items, null, null, charged);
    }

    private static ReadOptions options(Plan.Select s, Integer limit, Map<String, AttributeValue> start,
            boolean consistentRead, String capacity) {
        return new ReadOptions(s.tableName(), s.indexName(), null, null, null, null, null, null, limit,
                consistentRead, start, new ExpressionParameters(null, null), capacity);
    }
}
