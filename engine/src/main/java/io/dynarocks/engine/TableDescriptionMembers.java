package io.dynarocks.engine;

import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.TableDefinition;

/** Members a module adds to every description of a table (DescribeTable, CreateTable, UpdateTable). */
@FunctionalInterface
public interface TableDescriptionMembers {

    /** Adds nothing. */
    TableDescriptionMembers NONE = table -> null;

    /** The writer of the table's extra members, or null for none. */
    JsonWriter.Body of(TableDefinition table);
}
