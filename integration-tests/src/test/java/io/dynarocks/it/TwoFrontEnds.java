package io.dynarocks.it;

import io.dynarocks.server.DynaRocks;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Two DynaRocks servers (front ends) serving the same tables from the run's shared etcd cluster, under a
 * key prefix of the test class's own, with an SDK client for each. Register it as a static field with
 * {@code @RegisterExtension}; the servers start before the class's tests and stop after them.
 */
final class TwoFrontEnds implements BeforeAllCallback, AfterAllCallback {

    private EtcdCluster cluster;
    private String prefix;
    private DynaRocks serverA;
    private DynaRocks serverB;
    private DynamoDbClient a;
    private DynamoDbClient b;

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = SharedEtcd.cluster(context);
        prefix = SharedEtcd.prefix(context.getRequiredTestClass());
        serverA = start();
        serverB = start();
        a = ServerExtension.client(serverA.endpoint());
        b = ServerExtension.client(serverB.endpoint());
    }

    private DynaRocks start() {
        return DynaRocks.builder().etcd(cluster.endpoints()).etcdPrefix(prefix).port(0).start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, serverA, serverB}) {
            if (c != null) {
                c.close();
            }
        }
        if (cluster != null) {
            cluster.deletePrefix(prefix);
        }
    }

    EtcdCluster cluster() {
        return cluster;
    }

    DynamoDbClient a() {
        return a;
    }

    DynamoDbClient b() {
        return b;
    }

    DynaRocks serverA() {
        return serverA;
    }

    DynaRocks serverB() {
        return serverB;
    }
}
