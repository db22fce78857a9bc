package io.dynarocks.engine.tags;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.limits.LimitsConfig;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.Tag;
import io.dynarocks.protocol.operation.FixedResponse;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.TagsRequest;
import io.dynarocks.protocol.operation.TagsResponse;
import io.dynarocks.storage.WriteBatch;
import java.util.Map;

/**
 * TagResource, UntagResource and ListTagsOfResource on tables, and the account-level DescribeLimits:
 * what infrastructure tools (Terraform, CDK, CloudFormation emulators) call around CreateTable.
 */
public final class TagOperations {

    private TagOperations() {}

    public static void register(OperationRegistry registry, Engine engine) {
        registry.register("TagResource", TagsRequest::decodeTagResource, r -> {
            synchronized (engine.catalog()) {
                TableDefinition table = TableTags.table(engine, r.resourceArn(), "TagResource");
                Map<String, String> tags = TableTags.read(engine, table);
                for (Tag t : r.tags()) {
                    tags.put(t.key(), t.value());
                }
                write(engine, table, tags);
            }
            return Response.NO_BODY;
        });
        registry.register("UntagResource", TagsRequest::decodeUntagResource, r -> {
            synchronized (engine.catalog()) {
                TableDefinition table = TableTags.table(engine, r.resourceArn(), "UntagResource");
                Map<String, String> tags = TableTags.read(engine, table);
                r.tagKeys().forEach(tags::remove);
                write(engine, table, tags);
            }
            return Response.NO_BODY;
        });
        registry.register("ListTagsOfResource", TagsRequest::decodeListTags, r ->
                new TagsResponse(TableTags.list(TableTags.read(engine,
                        TableTags.table(engine, r.resourceArn(), "ListTagsOfResource")))));
        // DynamoDB's default account quotas, or those --limits was given.
        LimitsConfig limits = engine.throughput().config();
        registry.register("DescribeLimits", TagOperations::noMembers, r -> new FixedResponse(g -> {
            g.writeNumberField("AccountMaxReadCapacityUnits", limits.accountMaxReadUnits());
            g.writeNumberField("AccountMaxWriteCapacityUnits", limits.accountMaxWriteUnits());
            g.writeNumberField("TableMaxReadCapacityUnits", limits.tableMaxReadUnits());
            g.writeNumberField("TableMaxWriteCapacityUnits", limits.tableMaxWriteUnits());
        }));
    }

    /** Parses a request that has no members of interest (malformed JSON is still a SerializationException). */
    private static byte[] noMembers(byte[] body) {
        JsonReader.readBody(body, (name, r) -> r.skip());
        return body;
    }

    private static void write(Engine engine, TableDefinition table, Map<String, String> tags) {
        WriteBatch batch = new WriteBatch();
        TableTags.stage(batch, table, tags);
        engine.storage().write(batch);
    }
}
