package io.dynarocks.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.dynarocks.junit5.DynaRocksTest.Scope;
import io.dynarocks.server.DynaRocks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Runs small fixture classes through the JUnit Platform to see how the extension scopes servers. */
class DynaRocksExtensionTest {

    static final List<DynaRocks> SERVERS = new CopyOnWriteArrayList<>();
    static final List<Integer> PORTS = new CopyOnWriteArrayList<>();
    static final List<List<String>> TABLES_SEEN = new CopyOnWriteArrayList<>();

    @Test
    void eachClassGetsItsOwnServerByDefault() {
        SERVERS.clear();

        TestExecutionSummary summary = run(ClassScopedA.class, ClassScopedB.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(SERVERS).hasSize(2);
        assertThat(SERVERS.get(0)).isNotSameAs(SERVERS.get(1));
    }

    @Test
    void jvmScopedClassesShareOneServer() {
        SERVERS.clear();

        TestExecutionSummary summary = run(JvmScopedA.class, JvmScopedB.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(SERVERS).hasSize(2);
        assertThat(SERVERS.get(0)).isSameAs(SERVERS.get(1));
    }

    @Test
    void resetTablesGivesEveryTestAnEmptyDatabase() {
        TABLES_SEEN.clear();

        TestExecutionSummary summary = run(ResettingTables.class);

        assertThat(summary.getTotalFailureCount()).isZero();
        assertThat(TABLES_SEEN).containsExactly(List.of("Fresh"), List.of("Fresh"));
    }

    @Test
    void classAndJvmScopedServersStopWhenTheirTestsAreDone() {
        PORTS.clear();

        TestExecutionSummary summary = run(ClassScopedA.class, JvmScopedA.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(PORTS).hasSize(2).allSatisfy(port -> assertThat(accepts(port)).isFalse());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static TestExecutionSummary run(Class<?>... classes) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (Class<?> c : classes) {
            request.selectors(selectClass(c));
        }
        LauncherFactory.create().execute(request.build(), listener);
        return listener.getSummary();
    }

    static void createFreshTable(DynamoDbClient client) {
        client.createTable(b -> b.tableName("Fresh").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
    }

    @ExtendWith(DynaRocksExtension.class)
    static class ClassScopedA {
        @Test
        void records(DynaRocks db) {
            SERVERS.add(db);
            PORTS.add(db.port());
        }
    }

    @DynaRocksTest
    static class ClassScopedB {
        DynaRocks db;

        @Test
        void records() {
            SERVERS.add(db);
        }
    }

    @DynaRocksTest(scope = Scope.JVM)
    static class JvmScopedA {
        @Test
        void records(DynaRocks db) {
            SERVERS.add(db);
            PORTS.add(db.port());
        }
    }

    @DynaRocksTest(scope = Scope.JVM)
    static class JvmScopedB {
        @Test
        void records(DynaRocks db) {
            SERVERS.add(db);
        }
    }

    @DynaRocksTest(resetTables = true, transport = DynaRocksTest.Transport.IN_PROCESS)
    static class ResettingTables {
        DynamoDbClient client;

        @Test
        void first() {
            createFreshTable(client);
            TABLES_SEEN.add(client.listTables().tableNames());
        }

        @Test
        void second() {
            createFreshTable(client);
            TABLES_SEEN.add(client.listTables().tableNames());
        }
    }
}
