package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.SseSpecification;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Applies a CreateTable/UpdateTable SSESpecification: which KMS key a table is encrypted under (its ARN, as
 * SSEDescription reports it), with DynamoDB's refusals. There is no KMS here: a key id, alias or ARN is
 * accepted as named, and an alias stands for a key whose id is derived from the alias, so the same alias
 * always gives the same key ARN. The store itself is encrypted (or not) by the server's
 * {@code --encryption-key-file}, whatever a table's setting.
 */
public final class SseSpecifications {

    private static final String AWS_MANAGED_ALIAS = "alias/aws/dynamodb";

    private SseSpecifications() {}

    /** The KMS key ARN of a new table; null for the AWS owned key. */
    public static String forNewTable(Engine engine, SseSpecification spec) {
        return spec == null || !spec.kms() ? null : keyArn(engine, spec.kmsMasterKeyId());
    }

    /** The KMS key ARN of {@code table} after UpdateTable's {@code spec} (not null); null for the AWS owned key. */
    public static String update(Engine engine, TableDefinition table, SseSpecification spec) {
        if (!spec.kms()) {
            if (table.kmsMasterKeyArn() == null) {
                throw invalid("Table is already encrypted by default");
            }
            return null;
        }
        // Re-sending the very key ARN the table has is refused; any other form of the same key re-encrypts.
        if (spec.kmsMasterKeyId() != null && spec.kmsMasterKeyId().equals(table.kmsMasterKeyArn())) {
            throw invalid("Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId parameter if "
                    + "you want to change Master Key");
        }
        return keyArn(engine, spec.kmsMasterKeyId());
    }

    /**
     * The key ARN a KMSMasterKeyId names: a key ARN as it is; a key id in the engine's account and region;
     * an alias (name or ARN) as the key it stands for; none, the account's AWS managed key.
     */
    static String keyArn(Engine engine, String keyId) {
        return keyArn(engine.region(), engine.accountId(), keyId);
    }

    /** As {@link #keyArn(Engine, String)}, for a key named in {@code region} by account {@code account}. */
    public static String keyArn(String region, String account, String keyId) {
        String id = keyId == null ? AWS_MANAGED_ALIAS : keyId;
        if (id.startsWith("arn:")) {
            String[] parts = id.split(":", 6);
            if (parts.length == 6 && parts[5].startsWith("alias/")) {
                return arn(parts[3], parts[4], aliasKey(parts[4], parts[5]));
            }
            return id;
        }
        return arn(region, account, id.startsWith("alias/") ? aliasKey(account, id) : id);
    }

    /** Whether {@code keyArn} (a table's, not null) is a customer managed key, not the account's AWS managed key. */
    public static boolean customerManaged(String keyArn) {
        String[] parts = keyArn.split(":", 6);
        return parts.length < 6 || !parts[5].equals("key/" + aliasKey(parts[4], AWS_MANAGED_ALIAS));
    }

    private static String arn(String region, String account, String keyId) {
        return "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
    }

    private static String aliasKey(String account, String alias) {
        return UUID.nameUUIDFromBytes((account + ":" + alias).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static DynamoException invalid(String detail) {
        return DynamoException.validation("One or more parameter values were invalid: " + detail);
    }
}
