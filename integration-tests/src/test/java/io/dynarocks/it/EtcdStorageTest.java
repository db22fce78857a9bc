package io.dynarocks.it;

import io.dynarocks.storage.Storage;
import io.dynarocks.storage.StorageContractTest;
import io.dynarocks.storage.etcd.EtcdStorage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract on a 3-member etcd cluster; each test gets a fresh key prefix of one shared cluster. */
class EtcdStorageTest extends StorageContractTest {

    private static EtcdCluster cluster;
    private static final AtomicInteger STORES = new AtomicInteger();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = EtcdCluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected Storage open() {
        byte[] prefix = ("test" + STORES.incrementAndGet() + "/").getBytes(StandardCharsets.UTF_8);
        return EtcdStorage.open(cluster.endpoints(), prefix);
    }
}
