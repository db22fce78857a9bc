package io.dynarocks.junit5;

import io.dynarocks.client.InProcessClients;
import io.dynarocks.junit5.DynaRocksTest.Transport;
import io.dynarocks.server.DynaRocks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One test class's view of a server: the clients it was given, created on first use and closed with the class.
 * It is a {@code CloseableResource} for JUnit 5.9 to 5.12, which close only those, and {@code AutoCloseable}
 * for JUnit 5.13 and later, which deprecate them; closing twice is harmless.
 */
final class Session implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    private final DynaRocks server;
    private final boolean ownsServer;
    private final Transport transport;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private DynamoDbClient client;
    private DynamoDbAsyncClient asyncClient;
    private DynamoDbEnhancedClient enhancedClient;
    private DynamoDbStreamsClient streamsClient;
    private DynamoDbClient resetClient;
    private boolean closed;

    Session(DynaRocks server, boolean ownsServer, Transport transport) {
        this.server = server;
        this.ownsServer = ownsServer;
        this.transport = transport;
    }

    DynaRocks server() {
        return server;
    }

    synchronized DynamoDbClient client() {
        if (client == null) {
            client = open(transport == Transport.IN_PROCESS ? InProcessClients.client(server)
                    : http(DynamoDbClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build());
        }
        return client;
    }

    synchronized DynamoDbAsyncClient asyncClient() {
        if (asyncClient == null) {
            asyncClient = open(transport == Transport.IN_PROCESS ? InProcessClients.asyncClient(server)
                    : http(DynamoDbAsyncClient.builder()).httpClientBuilder(NettyNioAsyncHttpClient.builder()).build());
        }
        return asyncClient;
    }

    synchronized DynamoDbEnhancedClient enhancedClient() {
        if (enhancedClient == null) {
            enhancedClient = DynamoDbEnhancedClient.builder().dynamoDbClient(client()).build();
        }
        return enhancedClient;
    }

    synchronized DynamoDbStreamsClient streamsClient() {
        if (streamsClient == null) {
            streamsClient = open(transport == Transport.IN_PROCESS ? InProcessClients.streamsClient(server)
                    : http(DynamoDbStreamsClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder())
                            .build());
        }
        return streamsClient;
    }

    /** Deletes every table, through the dispatcher whatever the transport (it is only housekeeping). */
    synchronized void deleteAllTables() {
        if (resetClient == null) {
            resetClient = open(InProcessClients.client(server));
        }
        for (ListTablesResponse page : resetClient.listTablesPaginator()) {
            page.tableNames().forEach(name -> resetClient.deleteTable(b -> b.tableName(name)));
        }
    }

    private <B extends AwsClientBuilder<B, ?>> B http(B builder) {
        return builder.endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")));
    }

    private <C extends AutoCloseable> C open(C closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable c : opened) {
            c.close();
        }
        if (ownsServer) {
            server.close();
        }
    }
}
