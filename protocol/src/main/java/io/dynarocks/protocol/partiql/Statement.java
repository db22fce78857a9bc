package io.dynarocks.protocol.partiql;

import java.util.List;

/** A parsed PartiQL statement of DynamoDB's dialect. */
public sealed interface Statement {

    /** The table the statement names. */
    String table();

    /** How many {@code ?} parameters the statement has. */
    int parameterCount();

    /**
     * {@code EXISTS(SELECT ...)}: ExecuteTransaction's counterpart of TransactWriteItems' ConditionCheck,
     * true when the SELECT (of one item, by its full key, with a further condition) finds the item.
     */
    record Exists(Select select) implements Statement {
        public String table() {
            return select.table();
        }

        public int parameterCount() {
            return select.parameterCount();
        }
    }

    /** True for SELECT. */
    default boolean isRead() {
        return this instanceof Select;
    }

    /** {@code SELECT projection FROM "table"."index" WHERE ... ORDER BY ...}; a null projection is {@code *}. */
    record Select(String table, String index, List<Expr.Path> projection, Expr where, List<OrderBy> orderBy,
            int parameterCount) implements Statement {
        public Select {
            projection = projection == null ? null : List.copyOf(projection);
            orderBy = List.copyOf(orderBy);
        }
    }

    /** One {@code ORDER BY} term. */
    record OrderBy(Expr.Path key, boolean descending) {}

    /** {@code INSERT INTO "table" VALUE {...}}. */
    record Insert(String table, Expr value, int parameterCount) implements Statement {}

    /** {@code UPDATE "table" SET ... REMOVE ... WHERE ... RETURNING ...}. */
    record Update(String table, List<Change> changes, Expr where, Returning returning, int parameterCount)
            implements Statement {
        public Update {
            changes = List.copyOf(changes);
        }
    }

    /** {@code DELETE FROM "table" WHERE ... RETURNING ALL OLD *}. */
    record Delete(String table, Expr where, Returning returning, int parameterCount) implements Statement {}

    /** One SET assignment or REMOVE of an UPDATE. */
    sealed interface Change {
        Expr.Path path();
    }

    record Set(Expr.Path path, Expr value) implements Change {}

    record Remove(Expr.Path path) implements Change {}

    /** The RETURNING clause of a write. */
    enum Returning { NONE, ALL_OLD, MODIFIED_OLD, ALL_NEW, MODIFIED_NEW }
}
