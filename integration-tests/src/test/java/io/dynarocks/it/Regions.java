package io.dynarocks.it;

import io.dynarocks.server.DynaRocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Several DynaRocks servers in this JVM, each standing for one region and knowing the others as
 * peers: each on a free port and its own data directory, so one can be stopped and started again.
 */
final class Regions implements AutoCloseable {

    private final Map<String, DynaRocks> servers = new LinkedHashMap<>();
    private final Map<String, DynamoDbClient> clients = new LinkedHashMap<>();
    private final Map<String, Path> dirs = new LinkedHashMap<>();
    private final java.util.function.BiConsumer<String, DynaRocks.Builder> setup;

    Regions(String... regions) {
        this((region, builder) -> { }, regions);
    }

    /** Regions whose servers {@code setup} configures further (by region) before they start. */
    Regions(java.util.function.BiConsumer<String, DynaRocks.Builder> setup, String... regions) {
        this.setup = setup;
        try {
            for (String region : regions) {
                dirs.put(region, Files.createTempDirectory("dynarocks-" + region));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String region : regions) {
            start(region);
        }
    }

    /** Starts (or starts again) {@code region}'s server on a free port and tells every other region where it is. */
    void start(String region) {
        start(region, builder -> { });
    }

    /** As {@link #start(String)}, with {@code extra} settings for this start. */
    void start(String region, java.util.function.Consumer<DynaRocks.Builder> extra) {
        DynaRocks.Builder builder = DynaRocks.builder().dataDir(dirs.get(region)).port(0).region(region);
        servers.forEach((other, server) -> builder.peer(other, server.endpoint()));
        setup.accept(region, builder);
        extra.accept(builder);
        DynaRocks server = builder.start();
        servers.put(region, server);
        clients.put(region, ServerExtension.client(server.endpoint()));
        servers.forEach((other, s) -> {
            if (!other.equals(region)) {
                s.replication().peer(region, server.endpoint());
            }
        });
    }

    /** Stops {@code region}'s server; its data stays for {@link #start}. */
    void stop(String region) {
        clients.remove(region).close();
        servers.remove(region).close();
    }

    DynamoDbClient client(String region) {
        return clients.get(region);
    }

    DynaRocks server(String region) {
        return servers.get(region);
    }

    List<String> running() {
        return List.copyOf(servers.keySet());
    }

    @Override
    public void close() {
        clients.values().forEach(DynamoDbClient::close);
        servers.values().forEach(DynaRocks::close);
        for (Path dir : dirs.values()) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
