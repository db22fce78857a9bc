package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.partiql.Plan;
import io.dynarocks.engine.partiql.Planner;
import io.dynarocks.engine.partiql.StatementRunner;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.operation.BatchExecuteStatementRequest;
import io.dynarocks.protocol.operation.BatchExecuteStatementResponse;
import io.dynarocks.protocol.operation.BatchExecuteStatementResponse.Entry;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import io.dynarocks.protocol.operation.ParameterizedStatement;
import io.dynarocks.protocol.partiql.PartiqlParser;
import io.dynarocks.protocol.partiql.Statement;
import io.dynarocks.storage.StorageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BatchExecuteStatement: up to 25 PartiQL statements, all reads or all writes, each run on its own like
 * ExecuteStatement; a statement that fails gets an Error entry with DynamoDB's BatchStatementError code
 * while the others still run, a statement its caller may not run included (AccessDenied). Each read must fix
 * the whole primary key, so it reads at most one item.
 */
public final class BatchExecuteStatementOperation implements PartwiseOperation<BatchExecuteStatementRequest> {

    private final Planner planner;
    private final StatementRunner runner;

    public BatchExecuteStatementOperation(Engine engine) {
        this.planner = new Planner(engine);
        this.runner = new StatementRunner(engine);
    }

    @Override
    public BatchExecuteStatementResponse execute(BatchExecuteStatementRequest request) {
        return execute(request, Map.of());
    }

    /** Runs the statements but those {@code refused} (by index), which get their error (AccessDenied) instead. */
    @Override
    public BatchExecuteStatementResponse execute(BatchExecuteStatementRequest request,
            Map<Integer, DynamoException> refused) {
        List<Statement> parsed = parseAll(request.statements());
        List<Entry> entries = new ArrayList<>(parsed.size());
        Map<String, ConsumedCapacity> capacity = new LinkedHashMap<>();
        boolean wrote = false;
        for (int i = 0; i < parsed.size(); i++) {
            String table = parsed.get(i) == null ? null : parsed.get(i).table();
            DynamoException refusal = refused.get(i);
            if (refusal != null) {
                entries.add(Entry.error(table, code(refusal), refusal.getMessage(), null));
                continue;
            }
            try {
                entries.add(run(request.statements().get(i), request.returnConsumedCapacity(), capacity));
                wrote |= parsed.get(i) != null && !parsed.get(i).isRead();
            } catch (DynamoException e) {
                entries.add(Entry.error(table, code(e), e.getMessage(), e.item()));
            } catch (StorageException.Stalled e) {
                if (!wrote) {
                    // Nothing written: the whole request can be tried again once the store takes writes.
                    throw e;
                }
                // Some statements are in: this one fails on its own, so a retry of it repeats nothing. It is
                // refused as the single-item writes are during a stall (503 ServiceUnavailable), in the nearest
                // BatchStatementError code (see code).
                DynamoException busy = DynamoException.serviceUnavailable();
                entries.add(Entry.error(table, code(busy), busy.getMessage(), null));
            }
        }
        return new BatchExecuteStatementResponse(entries, ConsumedCapacity.requested(request.returnConsumedCapacity())
                ? List.copyOf(capacity.values()) : null);
    }

    /** Parses every statement (null where one does not parse) and enforces DynamoDB's no-mixing rule. */
    private static List<Statement> parseAll(List<ParameterizedStatement> statements) {
        List<Statement> parsed = new ArrayList<>(statements.size());
        boolean reads = false;
        boolean writes = false;
        for (ParameterizedStatement s : statements) {
            Statement statement;
            try {
                statement = PartiqlParser.parse(s.statement());
            } catch (DynamoException e) {
                statement = null;
            }
            parsed.add(statement);
            reads |= statement != null && statement.isRead();
            writes |= statement != null && !statement.isRead();
        }
        if (reads && writes) {
            throw DynamoException.validation("Unsupported operation: A batch must contain either all read "
                    + "statements or all write statements");
        }
        return parsed;
    }

    private Entry run(ParameterizedStatement statement, String returnConsumedCapacity,
            Map<String, ConsumedCapacity> capacity) {
        Plan plan = planner.plan(statement, returnConsumedCapacity);
        if (plan instanceof Plan.Select s && !s.fullKey()) {
            throw DynamoException.validation(
                    "Select statements within BatchExecuteStatement must specify the primary key in the where clause.");
        }
        StatementRunner.Result result = runner.run(plan, null, null, statement.consistentRead(),
                returnConsumedCapacity);
        if (result.consumedCapacity() != null) {
            capacity.merge(plan.tableName(), result.consumedCapacity(), ConsumedCapacity::plus);
        }
        return Entry.success(plan.tableName(), plan instanceof Plan.Select && !result.items().isEmpty()
                ? result.items().get(0) : null);
    }

    /** DynamoDB's BatchStatementError code for an error a statement raised. */
    static String code(DynamoException e) {
        switch (e.type()) {
            case "ConditionalCheckFailedException": return "ConditionalCheckFailed";
            case "ValidationException": return "ValidationError";
            case "ResourceNotFoundException": return "ResourceNotFound";
            case "DuplicateItemException": return "DuplicateItem";
            case "TransactionConflictException": return "TransactionConflict";
            case "ItemCollectionSizeLimitExceededException": return "ItemCollectionSizeLimitExceeded";
            case "ProvisionedThroughputExceededException": return "ProvisionedThroughputExceeded";
            case "RequestLimitExceeded": return "RequestLimitExceeded";
            case "ThrottlingException": return "ThrottlingError";
            case "AccessDeniedException": return "AccessDenied";
            // BatchStatementError has no ServiceUnavailable: a server that cannot take the write for now is a
            // server-side failure worth retrying (InternalServerError), not the caller exceeding a throughput
            // (ThrottlingError, RequestLimitExceeded and ProvisionedThroughputExceeded say that).
            case "ServiceUnavailable": return "InternalServerError";
            default: return "InternalServerError";
        }
    }
}
