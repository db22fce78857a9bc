package io.dynarocks.probe;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteServer;
import org.apache.ignite.InitParameters;
import org.apache.ignite.sql.ResultSet;
import org.apache.ignite.sql.SqlRow;
import org.apache.ignite.table.KeyValueView;
import org.apache.ignite.tx.Transaction;
import org.apache.ignite.tx.TransactionOptions;

/**
 * Apache Ignite 3: embedded nodes in this JVM (as DynaRocks servers would each embed one), a table in a
 * zone replicated on every node, with a sorted primary key. Batches are read-write transactions, scans SQL
 * range queries in key order, the read-modify-write a read-write transaction (it locks the key), and
 * snapshot reads read-only transactions.
 */
final class IgniteEngine implements EngineProbe.Engine {

    private final List<IgniteServer> nodes = new ArrayList<>();
    private Ignite ignite;
    private KeyValueView<String, String> kv;

    /** Starts {@code count} nodes (1 or 3) and a table replicated on all of them. */
    static IgniteEngine start(Path dir, int count) throws Exception {
        IgniteEngine e = new IgniteEngine();
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = freePort();
        }
        StringBuilder seeds = new StringBuilder();
        for (int p : ports) {
            seeds.append(seeds.length() == 0 ? "" : ",").append("\"localhost:").append(p).append('"');
        }
        List<CompletableFuture<IgniteServer>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String config = "ignite { network { port: " + ports[i] + ", nodeFinder { netClusterNodes: [" + seeds
                    + "] } }, clientConnector { port: " + freePort() + " }, rest { port: " + freePort() + " } }";
            java.nio.file.Files.createDirectories(dir.resolve("n" + i));
            Path conf = dir.resolve("n" + i + ".conf");
            java.nio.file.Files.writeString(conf, config);
            starting.add(IgniteServer.startAsync("n" + i, conf, dir.resolve("n" + i)));
        }
        for (CompletableFuture<IgniteServer> f : starting) {
            e.nodes.add(f.join());
        }
        e.nodes.get(0).initCluster(InitParameters.builder().metaStorageNodes(e.nodes).clusterName("probe").build());
        // Every node finishes its start (joins, starts its meta-storage member) once it sees the init.
        CompletableFuture.allOf(e.nodes.stream().map(IgniteServer::waitForInitAsync)
                .toArray(CompletableFuture[]::new)).join();
        e.ignite = e.nodes.get(0).api();
        e.ignite.sql().execute(null, "CREATE ZONE probe (REPLICAS " + count + ") STORAGE PROFILES ['default']").close();
        e.ignite.sql().execute(null, "CREATE TABLE kv (k VARCHAR, v VARCHAR, PRIMARY KEY USING SORTED (k)) ZONE probe")
                .close();
        e.kv = e.ignite.tables().table("kv").keyValueView(String.class, String.class);
        return e;
    }

    @Override
    public void putAll(List<String> keys, String value) {
        Map<String, String> all = new LinkedHashMap<>();
        keys.forEach(k -> all.put(k, value));
        Transaction tx = ignite.transactions().begin();
        kv.putAll(tx, all);
        tx.commit();
    }

    @Override
    public List<String> scan(String from, int limit) {
        List<String> out = new ArrayList<>();
        try (ResultSet<SqlRow> rows = ignite.sql().execute(null, "SELECT k FROM kv WHERE k >= ? ORDER BY k LIMIT ?",
                from, limit)) {
            rows.forEachRemaining(r -> out.add(r.stringValue(0)));
        }
        return out;
    }

    @Override
    public void increment(String key) {
        Transaction tx = ignite.transactions().begin();
        long next = Long.parseLong(kv.get(tx, key)) + 1;
        kv.put(tx, key, Long.toString(next));
        tx.commit();
    }

    @Override
    public List<String> snapshotRead(List<String> keys) {
        Transaction tx = ignite.transactions().begin(new TransactionOptions().readOnly(true));
        Map<String, String> got = kv.getAll(tx, keys);
        tx.commit();
        return new ArrayList<>(got.values());
    }

    @Override
    public long rssBytes() {
        return ProcessMemory.rss(ProcessHandle.current().pid());
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).shutdown();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
