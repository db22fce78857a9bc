package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.expression.Projector;
import io.dynarocks.engine.expression.UpdateApplier;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Expressions;
import io.dynarocks.protocol.expression.DocumentPath;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.expression.Update;
import io.dynarocks.protocol.expression.UpdateAction;
import io.dynarocks.protocol.expression.legacy.LegacyParameters;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ItemResponse;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.UpdateItemRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Predicate;

/** UpdateItem: edits attributes of an item, creating it (with its key) when absent. */
public final class UpdateItemOperation implements Operation<UpdateItemRequest> {

    private final Engine engine;
    private final ReadModifyWrite rmw;

    public UpdateItemOperation(Engine engine) {
        this.engine = engine;
        this.rmw = new ReadModifyWrite(engine);
    }

    @Override
    public Response execute(UpdateItemRequest request) {
        return execute(request, planned(request));
    }

    /**
     * Runs an update whose update and condition are resolved already (a translated PartiQL UPDATE); the
     * request carries no expressions.
     */
    public Response execute(UpdateItemRequest request, Update update, Predicate<Map<String, AttributeValue>> condition) {
        return execute(request, planned(request, update, condition));
    }

    /** Plans an update with a resolved update and condition (one Update of a PartiQL transaction). */
    public ItemWrite plan(UpdateItemRequest request, Update update, Predicate<Map<String, AttributeValue>> condition) {
        return planned(request, update, condition).write();
    }

    private Response execute(UpdateItemRequest request, Planned planned) {
        ReadModifyWrite.Result result = rmw.applyMetered(planned.write());
        return new ItemResponse("Attributes", returned(request, planned.update(), result),
                rmw.charge(planned.write(), result, request.returnConsumedCapacity()),
                ItemCollections.metrics(engine, request.returnItemCollectionMetrics(), planned.write().table(),
                        planned.write().key()));
    }

    /** Validates the request and plans its write (also one Update of TransactWriteItems). */
    public ItemWrite plan(UpdateItemRequest request) {
        return planned(request).write();
    }

    /** The planned write and the update it applies (ReturnValues=UPDATED_* selects by it). */
    private record Planned(ItemWrite write, Update update) {}

    private Planned planned(UpdateItemRequest request) {
        LegacyParameters.checkNotMixed(
                Arrays.asList(request.attributeUpdates() != null ? "AttributeUpdates" : null,
                        request.legacy().expected() != null ? "Expected" : null),
                Arrays.asList(request.updateExpression() != null ? "UpdateExpression" : null,
                        request.conditionExpression() != null ? "ConditionExpression" : null));
        boolean anyExpression = request.updateExpression() != null || request.conditionExpression() != null;
        ExpressionContext ctx = ItemExpressions.context(request.expressionParameters(), anyExpression,
                "UpdateExpression and ConditionExpression are null");
        Update update = request.updateExpression() != null ? Expressions.update(request.updateExpression(), ctx)
                : request.attributeUpdates() != null ? LegacyParameters.fromAttributeUpdates(request.attributeUpdates())
                : null;
        Predicate<Map<String, AttributeValue>> condition = ItemExpressions.condition(request.conditionExpression(),
                request.legacy(), ctx);
        ctx.checkAllUsed();
        return planned(request, update, condition);
    }

    private Planned planned(UpdateItemRequest request, Update update, Predicate<Map<String, AttributeValue>> condition) {
        TableDefinition table = engine.catalog().require(request.tableName());
        PrimaryKey key = Keys.ofKey(table.keySchema(), request.key());
        if (update != null) {
            for (String name : update.modifiedAttributes()) {
                if (table.keySchema().isKeyAttribute(name)) {
                    throw DynamoException.validation("One or more parameter values were invalid: Cannot update "
                            + "attribute " + name + ". This attribute is part of the key");
                }
            }
        }
        ItemWrite write = new ItemWrite(table, key, condition, request.returnOldOnConditionFailure(), old -> {
            if (old.isEmpty() && update != null && onlyRemoves(update)) {
                // DynamoDB: removing from an item that does not exist creates nothing.
                return null;
            }
            Map<String, AttributeValue> base = old.isEmpty() ? key.asMap(table.keySchema()) : old;
            return update == null ? new LinkedHashMap<>(base) : UpdateApplier.apply(update, base);
        }, "Item size to update has exceeded the maximum allowed size");
        return new Planned(write, update);
    }

    /** An update with actions, all of them REMOVE or DELETE (legacy {@code Action: DELETE} too). */
    private static boolean onlyRemoves(Update update) {
        return !update.actions().isEmpty() && update.actions().stream()
                .allMatch(a -> a instanceof UpdateAction.Remove || a instanceof UpdateAction.Delete);
    }

    private static Map<String, AttributeValue> returned(UpdateItemRequest request, Update update,
            ReadModifyWrite.Result result) {
        switch (request.returnValues()) {
            case ALL_OLD:
                return result.oldItem();
            case ALL_NEW:
                return result.newItem();
            case UPDATED_OLD:
                return select(result.oldItem(), update);
            case UPDATED_NEW:
                return select(result.newItem(), update);
            default:
                return null;
        }
    }

    /** The attributes (down to the updated document paths) the update touched, as they are in {@code item}. */
    private static Map<String, AttributeValue> select(Map<String, AttributeValue> item, Update update) {
        if (item == null || update == null) {
            return null;
        }
        List<DocumentPath> paths = update.actions().stream().map(UpdateAction::path).toList();
        Map<String, AttributeValue> out = Projector.project(new Projection(paths), item);
        return out.isEmpty() ? null : out;
    }
}
