package io.dynarocks.it;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A DynamoDbStreamsClient for the test server, and helpers that read whole shards and streams. */
final class StreamClients {

    private StreamClients() {}

    static DynamoDbStreamsClient client(URI endpoint) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Every shard of the stream, following LastEvaluatedShardId. */
    static List<Shard> shards(DynamoDbStreamsClient streams, String arn) {
        List<Shard> out = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            var d = streams.describeStream(b -> b.streamArn(arn).exclusiveStartShardId(from).limit(3))
                    .streamDescription();
            out.addAll(d.shards());
            start = d.lastEvaluatedShardId();
        } while (start != null);
        return out;
    }

    /** The records of one shard from an iterator until the shard ends or has nothing more now. */
    static List<Record> drain(DynamoDbStreamsClient streams, String iterator) {
        List<Record> out = new ArrayList<>();
        String it = iterator;
        while (it != null) {
            String current = it;
            var page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
            out.addAll(page.records());
            if (page.records().isEmpty()) {
                break;
            }
            it = page.nextShardIterator();
        }
        return out;
    }

    /** Every record of the stream from TRIM_HORIZON, shard by shard in DescribeStream order (parents first). */
    static List<Record> all(DynamoDbStreamsClient streams, String arn) {
        List<Record> out = new ArrayList<>();
        for (Shard s : shards(streams, arn)) {
            String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(s.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            out.addAll(drain(streams, it));
        }
        return out;
    }
}
