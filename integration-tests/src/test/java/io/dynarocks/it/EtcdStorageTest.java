package io.dynarocks.it;

import io.dynarocks.storage.Storage;
import io.dynarocks.storage.StorageContractTest;
import io.dynarocks.storage.etcd.EtcdStorage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage contract on a 3-member etcd cluster; each test gets a fresh key prefix of the run's shared cluster. */
class EtcdStorageTest extends StorageContractTest {

    private static EtcdCluster cluster;

    @RegisterExtension
    static final BeforeAllCallback CLUSTER = context -> cluster = SharedEtcd.cluster(context);

    @Override
    protected Storage open() {
        return EtcdStorage.open(cluster.endpoints(), SharedEtcd.prefix(EtcdStorageTest.class).getBytes(StandardCharsets.UTF_8));
    }
}
