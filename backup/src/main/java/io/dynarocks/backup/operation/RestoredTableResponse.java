package io.dynarocks.backup.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.backup.TableRestorer;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.operation.Response;
import java.io.IOException;
import java.util.Map;

/**
 * The {@code TableDescription} of a restored table with its {@code RestoreSummary}. The restore is
 * complete when the call returns, so the table is ACTIVE and RestoreInProgress is false.
 */
record RestoredTableResponse(TableRestorer.Restored restored, String sourceBackupArn, String sourceTableArn,
        long restoreMillis) implements Response {

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("TableDescription");
        TableDefinitionJson.writeMembers(g, restored.table(), Map.of());
        g.writeStringField("TableStatus", "ACTIVE");
        g.writeNumberField("ItemCount", restored.stats().itemCount());
        g.writeNumberField("TableSizeBytes", restored.stats().sizeBytes());
        g.writeObjectFieldStart("RestoreSummary");
        if (sourceBackupArn != null) {
            g.writeStringField("SourceBackupArn", sourceBackupArn);
        }
        g.writeStringField("SourceTableArn", sourceTableArn);
        g.writeNumberField("RestoreDateTime", restoreMillis / 1000.0);
        g.writeBooleanField("RestoreInProgress", false);
        g.writeEndObject();
        g.writeEndObject();
    }
}
