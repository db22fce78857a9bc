package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.polling.DynamoDBStreamsPollingConfig;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import io.dynarocks.server.DynaRocks;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.exceptions.KinesisClientLibException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * A real consumer: the Kinesis Client Library 3 through the DynamoDB Streams Kinesis Adapter, with its
 * lease tables on DynaRocks too and CloudWatch metrics off, reads a stream across a shard rollover.
 */
class KinesisAdapterIT {

    static final Duration PERIOD = Duration.ofMinutes(10);

    final List<Record> received = new ArrayList<>();

    /** Collects records; checkpoints at shard end, which is what lets KCL move on to the child shards. */
    final class Processor implements DynamoDBStreamsShardRecordProcessor {
        @Override
        public void initialize(InitializationInput input) {}

        @Override
        public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
            synchronized (received) {
                input.records().stream().map(DynamoDBStreamsClientRecord::getRecord).forEach(received::add);
            }
            checkpoint(input.checkpointer());
        }

        @Override
        public void leaseLost(LeaseLostInput input) {}

        @Override
        public void shardEnded(ShardEndedInput input) {
            checkpoint(input.checkpointer());
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            checkpoint(input.checkpointer());
        }

        private void checkpoint(RecordProcessorCheckpointer checkpointer) {
            try {
                checkpointer.checkpoint();
            } catch (KinesisClientLibException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void kclReadsEveryRecordOnceAndInOrderAcrossAShardRollover() throws Exception {
        MutableClock clock = new MutableClock();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret"));
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).clock(clock).shardRolloverPeriod(PERIOD).start();
                DynamoDbClient db = ServerExtension.client(server.endpoint());
                DynamoDbStreamsClient streams = StreamClients.client(server.endpoint());
                DynamoDbAsyncClient leases = DynamoDbAsyncClient.builder().endpointOverride(server.endpoint())
                        .region(Region.US_EAST_1).credentialsProvider(credentials)
                        .httpClient(NettyNioAsyncHttpClient.create()).build();
                CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder()
                        .endpointOverride(URI.create("http://127.0.0.1:9")).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).httpClient(NettyNioAsyncHttpClient.create()).build()) {
            Tables.hashTable(db, "kcl-source");
            String arn = db.updateTable(b -> b.tableName("kcl-source").streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                    .tableDescription().latestStreamArn();
            write(db, 0);

            AmazonDynamoDBStreamsAdapterClient adapter = new AmazonDynamoDBStreamsAdapterClient(streams, Region.US_EAST_1);
            ConfigsBuilder configs = new ConfigsBuilder(StreamsSchedulerFactory.createSingleStreamTracker(arn,
                    InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                    "kcl-app", adapter, leases, cloudWatch, "worker-1", Processor::new);
            Scheduler scheduler = StreamsSchedulerFactory.createScheduler(configs.checkpointConfig(),
                    configs.coordinatorConfig().parentShardPollIntervalMillis(200),
                    configs.leaseManagementConfig().failoverTimeMillis(2_000).shardSyncIntervalMillis(1_000),
                    configs.lifecycleConfig(), configs.metricsConfig().metricsFactory(new NullMetricsFactory()),
                    configs.processorConfig(),
                    configs.retrievalConfig().retrievalSpecificConfig(
                            new DynamoDBStreamsPollingConfig(adapter).idleTimeBetweenReadsInMillis(200)),
                    adapter);
            Thread worker = new Thread(scheduler, "kcl-scheduler");
            worker.setDaemon(true);
            worker.start();
            try {
                clock.advance(PERIOD);
                write(db, 1);
                List<Record> written = StreamClients.all(streams, arn);
                assertThat(StreamClients.shards(streams, arn))
                        .anySatisfy(s -> assertThat(s.parentShardId()).isNotNull());

                await().atMost(Duration.ofSeconds(120)).until(() -> {
                    synchronized (received) {
                        return received.size() >= written.size();
                    }
                });

                synchronized (received) {
                    assertThat(received).containsExactlyInAnyOrderElementsOf(written);
                    Map<String, List<String>> perKey = new HashMap<>();
                    for (Record r : received) {
                        perKey.computeIfAbsent(r.dynamodb().keys().get("pk").s(), k -> new ArrayList<>())
                                .add(r.dynamodb().sequenceNumber());
                    }
                    perKey.values().forEach(seqs -> assertThat(seqs).isSorted());
                }
            } finally {
                scheduler.shutdown();
                worker.join(30_000);
                adapter.close();
            }
        }
    }

    /** Ten items, each written in round {@code round}: inserts first, modifications after. */
    private static void write(DynamoDbClient db, int round) {
        for (int i = 0; i < 10; i++) {
            Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("k" + i),
                    "round", AttributeValue.fromN(Integer.toString(round)));
            db.putItem(b -> b.tableName("kcl-source").item(item));
        }
    }
}
