package io.dynarocks.engine.tags;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.limits.LimitsConfig;
import io.dynarocks.engine.operation.Conflicts;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.Tag;
import io.dynarocks.protocol.operation.FixedResponse;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.TagsRequest;
import io.dynarocks.protocol.operation.TagsResponse;
import io.dynarocks.storage.WriteBatch;
import java.util.Map;
import java.util.function.Consumer;

/**
 * TagResource, UntagResource and ListTagsOfResource on tables, and the account-level DescribeLimits:
 * what infrastructure tools (Terraform, CDK, CloudFormation emulators) call around CreateTable.
 */
public final class TagOperations {

    private TagOperations() {}

    public static void register(OperationRegistry registry, Engine engine) {
        registry.register("TagResource", TagsRequest::decodeTagResource, r -> {
            change(engine, r.resourceArn(), "TagResource", tags -> {
                for (Tag t : r.tags()) {
                    tags.put(t.key(), t.value());
                }
            });
            return Response.NO_BODY;
        });
        registry.register("UntagResource", TagsRequest::decodeUntagResource, r -> {
            change(engine, r.resourceArn(), "UntagResource", tags -> r.tagKeys().forEach(tags::remove));
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

    /**
     * Reads the table's tags, changes them and writes them back expecting what was read (and the table as
     * known), so tag changes through several servers at once all apply rather than overwrite each other.
     */
    private static void change(Engine engine, String arn, String action, Consumer<Map<String, String>> edit) {
        String name = TableTags.tableName(arn);
        Conflicts.retryTableChange(engine, name == null ? arn : name, () -> {
            TableDefinition table = TableTags.table(engine, arn, action);
            byte[] stored = TableTags.stored(engine, table);
            Map<String, String> tags = TableTags.parse(stored);
            edit.accept(tags);
            WriteBatch batch = new WriteBatch();
            if (engine.storage().shared()) {
                batch.expect(TableTags.key(table), stored);
                engine.catalog().expectCurrent(batch, table);
            }
            TableTags.stage(batch, table, tags);
            engine.storage().write(batch);
            return null;
        });
    }
}
