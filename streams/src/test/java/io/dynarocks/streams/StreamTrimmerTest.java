package io.dynarocks.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.storage.memory.MemoryStorage;
import io.dynarocks.storage.rocksdb.RocksDbStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamTrimmerTest {

    static final Duration LONG_PERIOD = Duration.ofDays(2);

    final StreamFixture.TestClock clock = new StreamFixture.TestClock();

    @Test
    void recordsOlderThan24HoursAreDeletedAndTheirPositionsStayTrimmed() {
        try (StreamFixture f = new StreamFixture(new MemoryStorage(), clock, LONG_PERIOD)) {
            f.createStreamTable("tbl");
            f.put("tbl", "a", 1);
            StreamFixture.Located old = f.records().get(0);
            clock.advance(Duration.ofHours(12));
            f.put("tbl", "a", 2);
            clock.advance(Duration.ofHours(12).plusMinutes(1));

            assertThat(f.streams.trimmer().trim()).isEqualTo(1);

            Shard shard = old.shard();
            assertThat(f.storedRecordCount()).isEqualTo(1);
            assertThatThrownBy(() -> f.store().read(shard, shard.firstSeq(), 100))
                    .isInstanceOf(StreamStore.TrimmedException.class);
            assertThat(f.records()).singleElement().satisfies(l -> assertThat(
                    ((AttributeValue.N) l.record().newImage().get("v")).value().toString()).isEqualTo("2"));
            assertThat(f.store().trimHorizon(shard)).isEqualTo(old.record().sequenceNumber() + 1);
            assertThatThrownBy(() -> f.call(OperationRegistry.STREAMS + ".GetShardIterator", "{'StreamArn':'"
                    + f.stream().arn() + "','ShardId':'" + shard.shardId() + "','ShardIteratorType':"
                    + "'AT_SEQUENCE_NUMBER','SequenceNumber':'" + old.record().sequenceNumberText() + "'}"))
                    .isInstanceOfSatisfying(DynamoException.class,
                            e -> assertThat(e.type()).isEqualTo("TrimmedDataAccessException"));
            assertThat(f.streams.trimmer().trim()).isZero();
        }
    }

    @Test
    void trimPointsSurviveARestartAndNewSequenceNumbersStayAboveThem(@TempDir Path dir) {
        long trimmedSeq;
        String shardId;
        try (StreamFixture f = new StreamFixture(RocksDbStorage.open(dir, false), clock, LONG_PERIOD)) {
            f.createStreamTable("tbl");
            f.put("tbl", "a", 1);
            StreamFixture.Located only = f.records().get(0);
            trimmedSeq = only.record().sequenceNumber();
            shardId = only.shard().shardId();
            clock.advance(Duration.ofHours(25));
            assertThat(f.streams.trimmer().trim()).isEqualTo(1);
            assertThat(f.storedRecordCount()).isZero();
        }
        try (StreamFixture f = new StreamFixture(RocksDbStorage.open(dir, false), clock, LONG_PERIOD)) {
            Shard shard = f.store().shard(f.store().find(f.stream().arn()), shardId);
            assertThatThrownBy(() -> f.store().read(shard, trimmedSeq, 100))
                    .isInstanceOf(StreamStore.TrimmedException.class);

            f.put("tbl", "a", 2);

            assertThat(f.records()).singleElement().satisfies(l -> {
                assertThat(l.shard()).isEqualTo(shard);
                assertThat(l.record().sequenceNumber()).isGreaterThan(trimmedSeq);
            });
        }
    }

    @Test
    void aStreamDisabledMoreThan24HoursAgoIsDeletedWhole() {
        try (StreamFixture f = new StreamFixture(new MemoryStorage(), clock, LONG_PERIOD)) {
            f.createStreamTable("tbl");
            f.put("tbl", "a", 1);
            f.put("tbl", "b", 1);
            f.db("UpdateTable", "{'TableName':'tbl','StreamSpecification':{'StreamEnabled':false}}");
            StreamDescriptor d = f.stream();
            clock.advance(Duration.ofHours(24).plusMillis(1));

            assertThat(f.streams.trimmer().trim()).isEqualTo(2);

            assertThat(f.store().storedStreams()).isEmpty();
            assertThat(keys(f, StreamKeys.records(d))).isEmpty();
            assertThat(keys(f, StreamKeys.trimPoints(d))).isEmpty();
        }
    }

    @Test
    void trimPointsOfShardsGoneFromDescribeStreamAreForgottenExceptTheNewest() {
        try (StreamFixture f = new StreamFixture(new MemoryStorage(), clock, Duration.ofHours(1))) {
            f.createStreamTable("tbl");
            f.put("tbl", "a", 1);
            clock.advance(Duration.ofHours(2));
            f.put("tbl", "a", 2);
            clock.advance(Duration.ofHours(25));

            assertThat(f.streams.trimmer().trim()).isEqualTo(2);

            StreamDescriptor d = f.stream();
            List<Integer> generations = new ArrayList<>();
            for (byte[] key : keys(f, StreamKeys.trimPoints(d))) {
                generations.add(StreamKeys.generationOf(key));
            }
            assertThat(generations).containsExactly(2);
        }
    }

    private static List<byte[]> keys(StreamFixture f, io.dynarocks.storage.KeyRange range) {
        List<byte[]> out = new ArrayList<>();
        try (var it = f.storage.iterate(range, false, null)) {
            while (it.next()) {
                out.add(it.key());
            }
        }
        return out;
    }
}
