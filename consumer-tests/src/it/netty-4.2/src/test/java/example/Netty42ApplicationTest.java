package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynarocks.junit5.DynaRocksTest;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.Version;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The application's Netty 4.2 and the one DynaRocks bundles (relocated) live side by side. */
@DynaRocksTest
class Netty42ApplicationTest {
    DynamoDbAsyncClient asyncClient; // the SDK's Netty client, on the application's Netty

    @Test
    void applicationsOwnNetty42WorksBesideTheServer() throws InterruptedException {
        assertEquals("4.2.20.Final", Version.identify().get("netty-common").artifactVersion());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        group.shutdownGracefully().sync();

        asyncClient.createTable(b -> b.tableName("Orders").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))).join();
        assertEquals(List.of("Orders"), asyncClient.listTables().join().tableNames());
    }
}
