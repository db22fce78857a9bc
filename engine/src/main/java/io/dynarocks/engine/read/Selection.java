package io.dynarocks.engine.read;

import io.dynarocks.engine.expression.Projector;
import io.dynarocks.engine.index.IndexEntries;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.Projection;
import java.util.Map;

/**
 * What a Query or Scan returns per item ({@code Select} with DynamoDB's rules for combining it with
 * ProjectionExpression/AttributesToGet), and whether a local index must fetch the table's item.
 */
public record Selection(boolean countOnly, Projection projection, boolean fetchFromTable) {

    /**
     * @param projectionParameter "ProjectionExpression" or "AttributesToGet" when the request has one, else null
     */
    public static Selection of(String select, Projection projection, String projectionParameter, ReadTarget target) {
        String effective = select != null ? select
                : projection != null ? "SPECIFIC_ATTRIBUTES"
                : target.index() != null ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
        if (projectionParameter != null && !effective.equals("SPECIFIC_ATTRIBUTES")) {
            throw DynamoException.validation("Cannot specify the " + projectionParameter + " when choosing to get "
                    + (effective.equals("COUNT") ? "only the Count" : effective));
        }
        if (effective.equals("SPECIFIC_ATTRIBUTES") && projection == null) {
            throw DynamoException.validation(
                    "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
        }
        if (effective.equals("ALL_PROJECTED_ATTRIBUTES") && target.index() == null) {
            throw DynamoException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        boolean partial = target.index() != null && !"ALL".equals(target.index().projection().projectionType());
        if (effective.equals("ALL_ATTRIBUTES") && partial && target.isGlobalIndex()) {
            throw DynamoException.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is "
                    + "not supported for global secondary index " + target.index().indexName()
                    + " because its projection type is not ALL");
        }
        // A local index answers what it does not hold by reading the table's item, as DynamoDB does.
        boolean fetch = partial && !target.isGlobalIndex() && (effective.equals("ALL_ATTRIBUTES")
                || (projection != null && !projection.attributes().stream()
                        .allMatch(a -> IndexEntries.isProjected(target.table(), target.index(), a))));
        return new Selection(effective.equals("COUNT"), projection, fetch);
    }

    /** The item as returned. */
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        return projection == null ? item : Projector.project(projection, item);
    }
}
