package io.dynarocks.vector;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.expression.Projector;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.operation.ItemExpressions;
import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Expressions;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.SearchVectorsRequest;
import io.dynarocks.protocol.operation.SearchVectorsResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * SearchVectors: the TopK items nearest to the search vector in a vector index, optionally within one
 * vector-index partition and passing equality filters on inline attributes, best first, each as the index
 * projects it (narrowed by ProjectionExpression) with DynamoDB's score.
 */
final class SearchVectorsOperation implements Operation<SearchVectorsRequest> {

    private final Engine engine;
    private final VectorIndexes indexes;

    SearchVectorsOperation(Engine engine, VectorIndexes indexes) {
        this.engine = engine;
        this.indexes = indexes;
    }

    @Override
    public Response execute(SearchVectorsRequest request) {
        TableDefinition table = engine.catalog().require(request.tableName());
        VectorIndexDefinition index = table.vectorIndex(request.indexName()).orElseThrow(() ->
                DynamoException.validation("The table does not have the specified index: " + request.indexName()));
        if (!index.searchable()) {
            throw DynamoException.validation("Cannot search backfilling vector index: " + request.indexName());
        }
        float[] query = Vectors.searchVector(request.searchVector(), index);
        ExpressionContext ctx = ItemExpressions.context(request.expressionParameters(),
                request.searchConditionExpression() != null || request.projectionExpression() != null,
                "SearchConditionExpression, ProjectionExpression");
        Condition condition = request.searchConditionExpression() == null ? null
                : Expressions.condition(request.searchConditionExpression(), ctx, "SearchConditionExpression");
        Projection projection = request.projectionExpression() == null ? null
                : Expressions.projection(request.projectionExpression(), ctx);
        ctx.checkAllUsed();
        SearchFilter filter = SearchFilter.of(condition, index);

        LiveVectorIndex live = ready(indexes.index(table, index));
        live.drain();
        LiveVectorIndex.Hits hits = live.search(query, filter.partition(), filter.inline(), request.topK());
        List<SearchVectorsResponse.Result> results = new ArrayList<>();
        long returnedBytes = 0;
        for (LiveVectorIndex.Hit hit : hits.hits()) {
            byte[] stored = engine.storage().get(hit.storageKey());
            if (stored == null) {
                continue; // deleted since the search began
            }
            Map<String, AttributeValue> item = projected(table, index, ItemCodec.decode(stored));
            if (projection != null) {
                item = Projector.project(projection, item);
            }
            returnedBytes += ItemSize.of(item);
            results.add(new SearchVectorsResponse.Result(item, hit.score()));
        }
        Double charged = request.returnsCapacity()
                ? (double) ((long) hits.visited() * index.dimensions() * Float.BYTES + returnedBytes) : null;
        return new SearchVectorsResponse(results, charged);
    }

    /** Waits for an index still being rebuilt after a restart: searches are answered from a complete index. */
    private static LiveVectorIndex ready(LiveVectorIndex live) {
        try {
            live.ready().get();
            return live;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DynamoException.internal("Interrupted while the vector index was being built");
        } catch (ExecutionException e) {
            throw DynamoException.validation("The table does not have the specified index: "
                    + live.definition().indexName());
        }
    }

    /** The attributes the index holds: table keys and search schema, plus what its projection adds. */
    private static Map<String, AttributeValue> projected(TableDefinition table, VectorIndexDefinition index,
            Map<String, AttributeValue> item) {
        String type = index.projection().projectionType();
        if ("ALL".equals(type)) {
            return item;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        names.add(table.keySchema().hashName());
        if (table.keySchema().hasRange()) {
            names.add(table.keySchema().rangeName());
        }
        names.addAll(index.searchAttributes());
        if ("INCLUDE".equals(type) && index.projection().nonKeyAttributes() != null) {
            names.addAll(index.projection().nonKeyAttributes());
        }
        for (String n : names) {
            AttributeValue v = item.get(n);
            if (v != null) {
                out.put(n, v);
            }
        }
        return out;
    }
}
