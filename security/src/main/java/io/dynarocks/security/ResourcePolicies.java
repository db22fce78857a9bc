package io.dynarocks.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.tags.TableTags;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.FixedResponse;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.WriteBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resource-based policies of tables: PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy, stored
 * under {@code P | tableId(4)} and removed with the table, and their part in authorization. The policy of a
 * table also governs its indexes.
 */
public final class ResourcePolicies implements ChangeHook {

    /** PutResourcePolicy's members. */
    public record PutRequest(String resourceArn, String policy, String expectedRevisionId) {}

    /** GetResourcePolicy's and DeleteResourcePolicy's members. */
    public record ArnRequest(String resourceArn, String expectedRevisionId) {}

    private record Stored(String document, String revisionId, Policy policy) {}

    private static final byte PREFIX = 'P';
    /** Built on first use: Jackson's databind is ~300 classes to load at start, and most servers store no policy. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final Engine engine;
    private final Map<Integer, Optional<Stored>> byTable = new ConcurrentHashMap<>();
    private final AtomicLong lastRevision = new AtomicLong();
    /** Whether any table has (or had, since start) a policy: until then full-access keys skip evaluation. */
    private volatile boolean any;

    private ResourcePolicies(Engine engine) {
        this.engine = engine;
    }

    /** Registers the three actions on {@code registry} and keeps policies with their tables. */
    public static ResourcePolicies install(Engine engine, OperationRegistry registry) {
        ResourcePolicies policies = new ResourcePolicies(engine);
        try (KeyValueIterator it = engine.storage().iterate(KeyRange.prefix(new byte[] {PREFIX}), false, null)) {
            policies.any = it.next();
        }
        engine.addHook(policies);
        registry.register("PutResourcePolicy", ResourcePolicies::decodePut, policies::put);
        registry.register("GetResourcePolicy", ResourcePolicies::decodeArn, policies::get);
        registry.register("DeleteResourcePolicy", ResourcePolicies::decodeArn, policies::delete);
        return policies;
    }

    private FixedResponse put(PutRequest r) {
        Policy parsed;
        try {
            parsed = Policy.parse(Json.MAPPER.readTree(r.policy()), true);
        } catch (IOException | IllegalArgumentException e) {
            throw DynamoException.validation("Invalid policy document: " + e.getMessage());
        }
        synchronized (engine.catalog()) {
            TableDefinition table = TableTags.table(engine, r.resourceArn(), "PutResourcePolicy");
            Optional<Stored> current = stored(table);
            if (r.expectedRevisionId() != null && !current.map(Stored::revisionId).equals(
                    Optional.of(r.expectedRevisionId()))) {
                throw notFound(r.resourceArn());
            }
            Stored next = new Stored(r.policy(), revision(), parsed);
            engine.storage().write(new WriteBatch().put(key(table), JsonWriter.object(g -> {
                g.writeStringField("Policy", next.document());
                g.writeStringField("RevisionId", next.revisionId());
            })));
            byTable.put(table.storageId(), Optional.of(next));
            any = true;
            return new FixedResponse(g -> g.writeStringField("RevisionId", next.revisionId()));
        }
    }

    private FixedResponse get(ArnRequest r) {
        TableDefinition table = TableTags.table(engine, r.resourceArn(), "GetResourcePolicy");
        Stored s = stored(table).orElseThrow(() -> notFound(r.resourceArn()));
        return new FixedResponse(g -> {
            g.writeStringField("Policy", s.document());
            g.writeStringField("RevisionId", s.revisionId());
        });
    }

    private FixedResponse delete(ArnRequest r) {
        synchronized (engine.catalog()) {
            TableDefinition table = TableTags.table(engine, r.resourceArn(), "DeleteResourcePolicy");
            Stored s = stored(table).orElseThrow(() -> notFound(r.resourceArn()));
            if (r.expectedRevisionId() != null && !r.expectedRevisionId().equals(s.revisionId())) {
                throw notFound(r.resourceArn());
            }
            engine.storage().write(new WriteBatch().delete(key(table)));
            byTable.put(table.storageId(), Optional.empty());
            String revision = revision();
            return new FixedResponse(g -> g.writeStringField("RevisionId", revision));
        }
    }

    boolean any() {
        return any;
    }

    /** What the policy of the table {@code context.resource()} names says; NONE without a policy. */
    Policy.Decision evaluate(AccessContext context) {
        if (!any) {
            return Policy.Decision.NONE;
        }
        String resource = context.resource();
        int at = resource.indexOf(":table/");
        if (at < 0) {
            return Policy.Decision.NONE;
        }
        int end = resource.indexOf('/', at + 7);
        String name = resource.substring(at + 7, end < 0 ? resource.length() : end);
        Optional<TableDefinition> table = engine.catalog().find(name);
        if (table.isEmpty()) {
            return Policy.Decision.NONE;
        }
        Optional<Stored> policy = stored(table.get());
        if (policy.isEmpty()) {
            return Policy.Decision.NONE;
        }
        // The policy names the table by its own ARN (DescribeTable's), whichever account the caller is in.
        String own = table.get().tableArn() + (end < 0 ? "" : resource.substring(end));
        AccessContext asNamed = new AccessContext(context.principal(), context.action(), own, context.requestKeys(),
                context.sourceIp(), context.now(), context.secureTransport());
        return Policy.evaluate(java.util.List.of(policy.get().policy()), asNamed);
    }

    @Override
    public void onChange(Change change, WriteBatch batch) {
        // item changes do not concern policies
    }

    @Override
    public void onTableChange(TableDefinition before, TableDefinition after, WriteBatch batch) {
        if (before != null && after == null) {
            batch.delete(key(before));
            byTable.remove(before.storageId());
        }
    }

    private Optional<Stored> stored(TableDefinition table) {
        return byTable.computeIfAbsent(table.storageId(), id -> {
            byte[] value = engine.storage().get(key(table));
            if (value == null) {
                return Optional.empty();
            }
            String[] f = new String[2];
            JsonReader.readBody(value, (name, r) -> {
                switch (name) {
                    case "Policy" -> f[0] = r.readString();
                    case "RevisionId" -> f[1] = r.readString();
                    default -> r.skip();
                }
            });
            try {
                return Optional.of(new Stored(f[0], f[1], Policy.parse(Json.MAPPER.readTree(f[0]), true)));
            } catch (IOException e) {
                throw new IllegalStateException("stored resource policy of " + table.tableName() + " is unreadable", e);
            }
        });
    }

    /** Increasing revision ids, from the clock's milliseconds as DynamoDB's look. */
    private String revision() {
        long now = engine.clock().millis();
        return Long.toString(lastRevision.updateAndGet(last -> Math.max(last + 1, now)));
    }

    private static DynamoException notFound(String arn) {
        return new DynamoException("PolicyNotFoundException",
                "Resource-based policy not found for the provided ResourceArn: " + arn, 400);
    }

    private static byte[] key(TableDefinition table) {
        return ByteBuffer.allocate(5).put(PREFIX).putInt(table.storageId()).array();
    }

    private static PutRequest decodePut(byte[] body) {
        String[] f = new String[3];
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "ResourceArn" -> f[0] = r.readString();
                case "Policy" -> f[1] = r.readString();
                case "ExpectedRevisionId" -> f[2] = r.readString();
                default -> r.skip();
            }
        });
        require(f[0], "resourceArn");
        require(f[1], "policy");
        return new PutRequest(f[0], f[1], f[2]);
    }

    private static ArnRequest decodeArn(byte[] body) {
        String[] f = new String[2];
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "ResourceArn" -> f[0] = r.readString();
                case "ExpectedRevisionId" -> f[1] = r.readString();
                default -> r.skip();
            }
        });
        require(f[0], "resourceArn");
        return new ArnRequest(f[0], f[1]);
    }

    private static void require(String value, String member) {
        if (value == null) {
            throw DynamoException.constraint("Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
    }
}
