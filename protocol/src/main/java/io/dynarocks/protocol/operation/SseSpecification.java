package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import java.io.IOException;

/**
 * A CreateTable/UpdateTable SSESpecification: {@code Enabled} true encrypts the table under a KMS key (the
 * account's AWS managed key {@code alias/aws/dynamodb}, or {@code KMSMasterKeyId}); false or absent under
 * the AWS owned key, which DescribeTable does not report.
 */
public record SseSpecification(Boolean enabled, String sseType, String kmsMasterKeyId) {

    static SseSpecification read(JsonReader r) throws IOException {
        if (r.isNull()) {
            return null;
        }
        Object[] f = new Object[3];
        r.readObject((n, v) -> {
            switch (n) {
                case "Enabled" -> f[0] = v.readBoolean();
                case "SSEType" -> f[1] = v.readString();
                case "KMSMasterKeyId" -> f[2] = v.readString();
                default -> v.skip();
            }
        });
        return new SseSpecification((Boolean) f[0], (String) f[1], (String) f[2]);
    }

    /** Whether the table is to be encrypted under a KMS key: {@code Enabled}, or without it, an SSEType or key. */
    public boolean kms() {
        return enabled != null ? enabled : sseType != null || kmsMasterKeyId != null;
    }

    void constrain(Constraints c) {
        c.oneOf(sseType, "sSESpecification.sSEType", "AES256", "KMS");
    }

    /** DynamoDB's checks of the members together, after the shape checks. */
    void check() {
        if (Boolean.FALSE.equals(enabled) && sseType != null) {
            throw invalid("SSEType can not be specified if Enabled is false");
        }
        if (Boolean.FALSE.equals(enabled) && kmsMasterKeyId != null) {
            throw invalid("KMSMasterKeyId can not be specified if Enabled is false");
        }
        if ("AES256".equals(sseType)) {
            throw invalid("SSEType AES256 is not supported");
        }
        if (kmsMasterKeyId != null && sseType == null) {
            throw invalid("SSEType KMS is required if KMSMasterKeyId is specified");
        }
    }

    private static DynamoException invalid(String detail) {
        return DynamoException.validation("One or more parameter values were invalid: " + detail);
    }
}
