package io.dynarocks.it;

import io.dynarocks.server.DynaRocks;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** An embedded server with a DynamoDB client and a Streams client for it, closed together. */
final class StreamServer implements AutoCloseable {

    private final DynaRocks server;
    private final DynamoDbClient db;
    private final DynamoDbStreamsClient streams;

    StreamServer(DynaRocks.Builder builder) {
        server = builder.start();
        db = ServerExtension.client(server.endpoint());
        streams = StreamClients.client(server.endpoint());
    }

    DynaRocks embedded() {
        return server;
    }

    DynamoDbClient db() {
        return db;
    }

    DynamoDbStreamsClient streams() {
        return streams;
    }

    /** Creates a hash-key table with a stream of {@code view}; returns the stream ARN. */
    String streamTable(String name, StreamViewType view) {
        Tables.hashTable(db, name);
        return db.updateTable(b -> b.tableName(name)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(view)))
                .tableDescription().latestStreamArn();
    }

    @Override
    public void close() {
        streams.close();
        db.close();
        server.close();
    }
}
