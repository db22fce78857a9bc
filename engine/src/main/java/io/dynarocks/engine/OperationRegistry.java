package io.dynarocks.engine;

import io.dynarocks.engine.item.ItemSource;
import io.dynarocks.engine.item.StorageItemSource;
import io.dynarocks.engine.limits.Throughput;
import io.dynarocks.engine.operation.BatchExecuteStatementOperation;
import io.dynarocks.engine.operation.BatchGetItemOperation;
import io.dynarocks.engine.operation.BatchWriteItemOperation;
import io.dynarocks.engine.operation.CreateTableOperation;
import io.dynarocks.engine.tags.TagOperations;
import io.dynarocks.engine.operation.DeleteItemOperation;
import io.dynarocks.engine.operation.DeleteTableOperation;
import io.dynarocks.engine.operation.DescribeEndpointsOperation;
import io.dynarocks.engine.operation.DescribeTableOperation;
import io.dynarocks.engine.operation.ExecuteStatementOperation;
import io.dynarocks.engine.operation.ExecuteTransactionOperation;
import io.dynarocks.engine.operation.GetItemOperation;
import io.dynarocks.engine.operation.ListTablesOperation;
import io.dynarocks.engine.operation.Operation;
import io.dynarocks.engine.operation.PartwiseOperation;
import io.dynarocks.engine.operation.PutItemOperation;
import io.dynarocks.engine.operation.TransactGetItemsOperation;
import io.dynarocks.engine.operation.TransactWriteItemsOperation;
import io.dynarocks.engine.operation.QueryOperation;
import io.dynarocks.engine.operation.ScanOperation;
import io.dynarocks.engine.operation.UpdateItemOperation;
import io.dynarocks.engine.operation.UpdateTableOperation;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.operation.BatchExecuteStatementRequest;
import io.dynarocks.protocol.operation.BatchGetItemRequest;
import io.dynarocks.protocol.operation.BatchWriteItemRequest;
import io.dynarocks.protocol.operation.CreateTableRequest;
import io.dynarocks.protocol.operation.DeleteItemRequest;
import io.dynarocks.protocol.operation.DescribeEndpointsRequest;
import io.dynarocks.protocol.operation.ExecuteStatementRequest;
import io.dynarocks.protocol.operation.ExecuteTransactionRequest;
import io.dynarocks.protocol.operation.GetItemRequest;
import io.dynarocks.protocol.operation.ListTablesRequest;
import io.dynarocks.protocol.operation.PutItemRequest;
import io.dynarocks.protocol.operation.QueryRequest;
import io.dynarocks.protocol.operation.ScanRequest;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.TableNameRequest;
import io.dynarocks.protocol.operation.TransactGetItemsRequest;
import io.dynarocks.protocol.operation.TransactWriteItemsRequest;
import io.dynarocks.protocol.operation.UpdateItemRequest;
import io.dynarocks.protocol.operation.UpdateTableRequest;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The one registry from DynamoDB action name to decoder and operation. HTTP and in-process
 * callers both dispatch through it, so they see identical behaviour and errors.
 */
public final class OperationRegistry implements RequestHandler {

    /** Decodes a request body and executes it; {@code address} is where the client reached the server, or null. */
    @FunctionalInterface
    public interface Action {
        Response handle(byte[] body, String address);
    }

    /** The {@code X-Amz-Target} prefix of DynamoDB's actions. */
    public static final String DYNAMODB = "DynamoDB_20120810";
    /** The {@code X-Amz-Target} prefix of DynamoDB Streams' actions. */
    public static final String STREAMS = "DynamoDBStreams_20120810";

    /** A registered action: its decoder and its operation, kept apart so a guard can see the decoded request. */
    private record Registered<Q>(String target, BiFunction<byte[], String, Q> decoder, Operation<Q> operation) {
        Response handle(byte[] body, String address, RequestGuard guard) {
            Q request = decoder.apply(body, address);
            if (guard != null) {
                try {
                    guard.admit(target, request);
                } catch (PartsRefused e) {
                    if (operation instanceof PartwiseOperation<Q> partwise) {
                        return partwise.execute(request, e.refusals());
                    }
                    throw e;
                }
            }
            return operation.execute(request);
        }
    }

    /** DynamoDB's control plane actions, which share the account's control plane request rate under --limits. */
    private static final java.util.Set<String> CONTROL_PLANE = java.util.Set.of("CreateTable", "DescribeTable",
            "ListTables", "UpdateTable", "DeleteTable", "DescribeLimits", "DescribeTimeToLive", "UpdateTimeToLive",
            "TagResource", "UntagResource", "ListTagsOfResource", "CreateBackup", "DeleteBackup", "DescribeBackup",
            "ListBackups", "RestoreTableFromBackup", "RestoreTableToPointInTime", "DescribeContinuousBackups",
            "UpdateContinuousBackups", "ExportTableToPointInTime", "DescribeExport", "ListExports", "ImportTable",
            "DescribeImport", "ListImports", "PutResourcePolicy", "GetResourcePolicy", "DeleteResourcePolicy");

    private final Map<String, Registered<?>> actions = new TreeMap<>();
    private final Throughput throughput;

    /** The operations of {@code engine}, reading items straight from its storage. */
    public OperationRegistry(Engine engine) {
        this(engine, new StorageItemSource(engine.storage()));
    }

    /** The operations of {@code engine}, with point reads served by {@code items} (e.g. a cache). */
    public OperationRegistry(Engine engine, ItemSource items) {
        this.throughput = engine.throughput();
        register("CreateTable", CreateTableRequest::decode, new CreateTableOperation(engine));
        register("DescribeTable", TableNameRequest::decode, new DescribeTableOperation(engine));
        register("DeleteTable", TableNameRequest::decode, new DeleteTableOperation(engine));
        register("ListTables", ListTablesRequest::decode, new ListTablesOperation(engine));
        register("UpdateTable", UpdateTableRequest::decode, new UpdateTableOperation(engine));
        register("PutItem", PutItemRequest::decode, new PutItemOperation(engine));
        register("GetItem", GetItemRequest::decode, new GetItemOperation(engine, items));
        register("DeleteItem", DeleteItemRequest::decode, new DeleteItemOperation(engine));
        register("UpdateItem", UpdateItemRequest::decode, new UpdateItemOperation(engine));
        register("TransactWriteItems", TransactWriteItemsRequest::decode, new TransactWriteItemsOperation(engine));
        register("TransactGetItems", TransactGetItemsRequest::decode, new TransactGetItemsOperation(engine));
        register("Query", QueryRequest::decode, new QueryOperation(engine));
        register("Scan", ScanRequest::decode, new ScanOperation(engine));
        register("BatchGetItem", BatchGetItemRequest::decode, new BatchGetItemOperation(engine, items));
        register("BatchWriteItem", BatchWriteItemRequest::decode, new BatchWriteItemOperation(engine));
        String describeEndpoints = DYNAMODB + ".DescribeEndpoints";
        actions.put(describeEndpoints, new Registered<>(describeEndpoints, DescribeEndpointsRequest::decode,
                new DescribeEndpointsOperation()));
        register("ExecuteStatement", ExecuteStatementRequest::decode, new ExecuteStatementOperation(engine));
        register("BatchExecuteStatement", BatchExecuteStatementRequest::decode,
                new BatchExecuteStatementOperation(engine));
        register("ExecuteTransaction", ExecuteTransactionRequest::decode, new ExecuteTransactionOperation(engine));
        TagOperations.register(this, engine);
    }

    /** Adds a DynamoDB action. */
    public <Q> void register(String name, Function<byte[], Q> decoder, Operation<Q> operation) {
        register(DYNAMODB, name, decoder, operation);
    }

    /** Adds an action of {@code service} (e.g. {@link #STREAMS}); modules above the engine register theirs so. */
    public <Q> void register(String service, String name, Function<byte[], Q> decoder, Operation<Q> operation) {
        String target = service + "." + name;
        Operation<Q> op = operation;
        if (throughput != Throughput.OFF && DYNAMODB.equals(service) && CONTROL_PLANE.contains(name)) {
            op = request -> {
                throughput.admitControlPlane();
                return operation.execute(request);
            };
        }
        actions.put(target, new Registered<>(target, (body, address) -> decoder.apply(body), op));
    }

    /** Executes the action an {@code X-Amz-Target} names; unknown ones are UnknownOperationException. */
    @Override
    public Response handle(String target, byte[] body) {
        return handle(target, body, null);
    }

    @Override
    public Response handle(String target, byte[] body, String address) {
        return handle(target, body, address, null);
    }

    @Override
    public Response handle(String target, byte[] body, String address, RequestGuard guard) {
        return registered(target).handle(body, address, guard);
    }

    /** Decodes the request and lets {@code guard} check it, without executing it (for decorators that cache). */
    public void admit(String target, byte[] body, String address, RequestGuard guard) {
        guard.admit(target, registered(target).decoder().apply(body, address));
    }

    private Registered<?> registered(String target) {
        Registered<?> r = target == null ? null : actions.get(target);
        if (r == null) {
            throw DynamoException.unknownOperation();
        }
        return r;
    }

    /** The action registered for {@code target}, or null; decorators (the cache endpoint) wrap these. */
    public Action action(String target) {
        Registered<?> r = actions.get(target);
        return r == null ? null : (body, address) -> r.handle(body, address, null);
    }

    /**
     * The operation registered for DynamoDB's action {@code name}, for a module that registers a
     * decorator of it under the same name (global tables wrap UpdateTable).
     */
    @SuppressWarnings("unchecked")
    public <Q> Operation<Q> operation(String name) {
        return (Operation<Q>) registered(DYNAMODB + "." + name).operation();
    }

    /** The supported targets ({@code service.Action}), sorted. */
    public java.util.Set<String> names() {
        return Collections.unmodifiableSet(actions.keySet());
    }
}
