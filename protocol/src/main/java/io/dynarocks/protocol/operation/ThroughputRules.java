package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.ProvisionedThroughput;

/** DynamoDB's rules tying ProvisionedThroughput to BillingMode. */
final class ThroughputRules {

    private ThroughputRules() {}

    static void constraints(Constraints c, ProvisionedThroughput t, String member) {
        if (t == null) {
            return;
        }
        c.notNull(t.readCapacityUnits(), member + ".readCapacityUnits");
        c.notNull(t.writeCapacityUnits(), member + ".writeCapacityUnits");
        c.range(t.readCapacityUnits(), 1, Long.MAX_VALUE, member + ".readCapacityUnits");
        c.range(t.writeCapacityUnits(), 1, Long.MAX_VALUE, member + ".writeCapacityUnits");
    }

    static void checkAgainstBillingMode(String billingMode, ProvisionedThroughput t) {
        if ("PAY_PER_REQUEST".equals(billingMode) && t != null) {
            throw DynamoException.validation("One or more parameter values were invalid: Neither ReadCapacityUnits "
                    + "nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        if ("PROVISIONED".equals(billingMode) && t == null) {
            throw DynamoException.validation("One or more parameter values were invalid: ReadCapacityUnits and "
                    + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
    }
}
