package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.partiql.Plan;
import io.dynarocks.engine.partiql.Planner;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.operation.ExecuteTransactionRequest;
import io.dynarocks.protocol.operation.ExecuteTransactionResponse;
import io.dynarocks.protocol.operation.ExpressionParameters;
import io.dynarocks.protocol.operation.GetItemRequest;
import io.dynarocks.protocol.operation.ReturnValues;
import io.dynarocks.protocol.operation.TransactGetItemsRequest;
import io.dynarocks.protocol.operation.TransactGetItemsResponse;
import io.dynarocks.protocol.operation.TransactWriteItem;
import io.dynarocks.protocol.operation.TransactWriteItemsRequest;
import io.dynarocks.protocol.operation.TransactWriteItemsResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * ExecuteTransaction: up to 100 PartiQL statements, all reads or all writes, run as one TransactGetItems
 * or TransactWriteItems, so they are serializable, all-or-nothing, idempotent under a
 * ClientRequestToken and cancelled with CancellationReasons exactly as those are.
 */
public final class ExecuteTransactionOperation implements Operation<ExecuteTransactionRequest> {

    private final Engine engine;
    private final Planner planner;
    private final PutItemOperation puts;
    private final UpdateItemOperation updates;
    private final DeleteItemOperation deletes;
    private final TransactGetItemsOperation reads;
    private final TransactWriteItemsOperation writes;

    public ExecuteTransactionOperation(Engine engine) {
        this.engine = engine;
        this.planner = new Planner(engine);
        this.puts = new PutItemOperation(engine);
        this.updates = new UpdateItemOperation(engine);
        this.deletes = new DeleteItemOperation(engine);
        this.reads = new TransactGetItemsOperation(engine);
        this.writes = new TransactWriteItemsOperation(engine);
    }

    @Override
    public ExecuteTransactionResponse execute(ExecuteTransactionRequest request) {
        List<Plan> plans = new ArrayList<>(request.statements().size());
        for (int i = 0; i < request.statements().size(); i++) {
            try {
                plans.add(planner.plan(request.statements().get(i), null));
            } catch (DynamoException e) {
                throw invalid(i, e);
            }
        }
        long selects = plans.stream().filter(p -> p instanceof Plan.Select).count();
        long checks = plans.stream().filter(p -> p instanceof Plan.Check).count();
        if (selects > 0 && checks > 0 && selects + checks == plans.size()) {
            throw DynamoException.validation("EXISTS can only be used in ExecuteTransaction write requests.");
        }
        if (selects > 0 && selects < plans.size()) {
            throw DynamoException.validation("Unsupported operation: A transaction must contain either all read "
                    + "statements or all write statements");
        }
        return selects > 0 ? read(request, plans) : write(request, plans);
    }

    private static DynamoException invalid(int index, DynamoException e) {
        if (!e.type().equals("ValidationException")) {
            return e;
        }
        return DynamoException.validation("Validation failed in TransactStatements[" + index + "]: " + e.getMessage());
    }

    private ExecuteTransactionResponse read(ExecuteTransactionRequest request, List<Plan> plans) {
        List<GetItemRequest> gets = new ArrayList<>(plans.size());
        List<Projection> projections = new ArrayList<>(plans.size());
        for (int i = 0; i < plans.size(); i++) {
            Plan.Select s = (Plan.Select) plans.get(i);
            if (s.indexName() != null) {
                throw invalid(i, DynamoException.validation("Reads on indices are not supported within transactions."));
            }
            if (!s.keyOnly()) {
                throw invalid(i, DynamoException.validation(
                        "Select statements within ExecuteTransaction must specify the primary key in the where clause."));
            }
            gets.add(new GetItemRequest(s.tableName(), s.key(), true, null, null, new ExpressionParameters(null, null),
                    null));
            projections.add(s.projection());
        }
        TransactGetItemsResponse response = reads.execute(
                new TransactGetItemsRequest(gets, request.returnConsumedCapacity()), projections);
        return new ExecuteTransactionResponse(response.items(), response.consumedCapacity());
    }

    private ExecuteTransactionResponse write(ExecuteTransactionRequest request, List<Plan> plans) {
        List<TransactWriteItem> items = new ArrayList<>(plans.size());
        List<ItemWrite> planned = new ArrayList<>(plans.size());
        for (int i = 0; i < plans.size(); i++) {
            Plan plan = plans.get(i);
            try {
                if (plan instanceof Plan.Insert p) {
                    items.add(new TransactWriteItem(p.request(), null, null, null));
                    planned.add(puts.plan(p.request(), p.condition()));
                } else if (plan instanceof Plan.Check c) {
                    items.add(new TransactWriteItem(null, null, null, c.request()));
                    planned.add(ConditionCheck.plan(engine, c.request(), c.condition()));
                } else if (plan instanceof Plan.Modify m) {
                    requireNoReturning(m.request().returnValues());
                    items.add(new TransactWriteItem(null, m.request(), null, null));
                    planned.add(updates.plan(m.request(), m.update(), m.condition()));
                } else {
                    Plan.Remove r = (Plan.Remove) plan;
                    requireNoReturning(r.request().returnValues());
                    items.add(new TransactWriteItem(null, null, r.request(), null));
                    planned.add(deletes.plan(r.request(), r.condition()));
                }
            } catch (DynamoException e) {
                throw invalid(i, e);
            }
        }
        TransactWriteItemsResponse response = writes.execute(new TransactWriteItemsRequest(items,
                request.clientRequestToken(), request.returnConsumedCapacity(), request.digest(), false), planned);
        return new ExecuteTransactionResponse(List.of(), response.consumedCapacity());
    }

    private static void requireNoReturning(ReturnValues returnValues) {
        if (returnValues != ReturnValues.NONE) {
            throw DynamoException.validation("RETURNING clause is not supported in ExecuteTransaction.");
        }
    }
}
