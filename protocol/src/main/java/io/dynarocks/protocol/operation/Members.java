package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.KeySchemaElement;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Readers for structures that several requests share. */
final class Members {

    private Members() {}

    static List<KeySchemaElement> keySchema(JsonReader r) throws IOException {
        return r.readList(TableDefinitionJson::keyElement);
    }

    static List<AttributeDefinition> attributeDefinitions(JsonReader r) throws IOException {
        return r.readList(TableDefinitionJson::attributeDefinition);
    }

    static ProvisionedThroughput throughput(JsonReader r) throws IOException {
        return TableDefinitionJson.throughput(r);
    }

    static Map<String, String> names(JsonReader r) throws IOException {
        return r.readMap(JsonReader::readString);
    }

    static List<String> strings(JsonReader r) throws IOException {
        return r.readList(JsonReader::readString);
    }
}
