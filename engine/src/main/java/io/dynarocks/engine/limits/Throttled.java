package io.dynarocks.engine.limits;

import io.dynarocks.protocol.DynamoException;

/**
 * Why a request was throttled, with the error DynamoDB answers: its type, its message, and the
 * {@code ThrottlingReasons} member naming the limit ({@code Table|Index} + {@code Read|Write} + the kind) and the
 * throttled table or index ARN.
 */
public enum Throttled {
    /** A provisioned table or index used up its capacity units, burst included. */
    PROVISIONED("ProvisionedThroughputExceeded"),
    /** One partition (a key range) reached its 3,000 RCU / 1,000 WCU, or an on-demand table outgrew its peak. */
    KEY_RANGE("KeyRangeThroughputExceeded"),
    /** An on-demand table reached the per-table account quota. */
    ACCOUNT("AccountLimitExceeded"),
    /** An on-demand table or index reached the maximum of its OnDemandThroughput. */
    MAX_ON_DEMAND("MaxOnDemandThroughputExceeded");

    static final String TABLE_MESSAGE = "The level of configured provisioned throughput for the table was "
            + "exceeded. Consider increasing your provisioning level with the UpdateTable API";
    static final String INDEX_MESSAGE = "The level of configured provisioned throughput for one or more global "
            + "secondary indexes of the table was exceeded. Consider increasing your provisioning level for the "
            + "under-provisioned global secondary indexes with the UpdateTable API";
    static final String ON_DEMAND_MESSAGE = "Throughput exceeds the current capacity of your table or index. "
            + "DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions "
            + "persist, check if you have a hot key: "
            + "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html";
    static final String ON_DEMAND_INDEX_MESSAGE = "Throughput exceeds the current capacity for one or more global "
            + "secondary indexes. DynamoDB is automatically scaling your index so please try again shortly.";
    static final String MAX_ON_DEMAND_MESSAGE = "Throughput exceeds the maximum OnDemandThroughput configured on "
            + "table or index";
    static final String ACCOUNT_MESSAGE = "Throughput exceeds the current throughput limit for your account. "
            + "Please contact AWS Support at https://aws.amazon.com/support request a limit increase";

    private final String kind;

    /** Control plane requests beyond the account's rate (2,500 a second by default). */
    static DynamoException controlPlane() {
        return new DynamoException("ThrottlingException", "Rate of requests exceeds the allowed throughput.", 400);
    }

    /** Whether {@code e} is one of the throttling errors (batches return the throttled items unprocessed). */
    public static boolean isThrottling(DynamoException e) {
        return switch (e.type()) {
            case "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded" -> true;
            default -> false;
        };
    }

    Throttled(String kind) {
        this.kind = kind;
    }

    /** The ThrottlingReason's {@code reason}, e.g. {@code TableWriteKeyRangeThroughputExceeded}. */
    public String reason(boolean index, boolean write) {
        return (index ? "Index" : "Table") + (write ? "Write" : "Read") + kind;
    }

    /**
     * The error: ProvisionedThroughputExceededException on provisioned tables, ThrottlingException while an
     * on-demand table scales or at its configured maximum, RequestLimitExceeded at the account quota.
     */
    DynamoException error(boolean onDemand, boolean index, boolean write, String resourceArn) {
        String type;
        String message;
        if (this == ACCOUNT) {
            type = "RequestLimitExceeded";
            message = ACCOUNT_MESSAGE;
        } else if (this == MAX_ON_DEMAND) {
            type = "ThrottlingException";
            message = MAX_ON_DEMAND_MESSAGE;
        } else if (onDemand) {
            type = "ThrottlingException";
            message = index ? ON_DEMAND_INDEX_MESSAGE : ON_DEMAND_MESSAGE;
        } else {
            type = "ProvisionedThroughputExceededException";
            message = index ? INDEX_MESSAGE : TABLE_MESSAGE;
        }
        String reason = reason(index, write);
        // DynamoDB's model spells the member throttlingReasons on ThrottlingException, ThrottlingReasons elsewhere.
        String member = type.equals("ThrottlingException") ? "throttlingReasons" : "ThrottlingReasons";
        return new DynamoException(type, message, 400, g -> {
            g.writeArrayFieldStart(member);
            g.writeStartObject();
            g.writeStringField("reason", reason);
            g.writeStringField("resource", resourceArn);
            g.writeEndObject();
            g.writeEndArray();
        });
    }
}
