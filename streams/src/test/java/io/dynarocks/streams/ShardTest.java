package io.dynarocks.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShardTest {

    private final StreamDescriptor stream = new StreamDescriptor("t", 7, "arn:aws:dynamodb:us-east-1:000000000000:table/t",
            "2024-01-01T00:00:00.000", "KEYS_ONLY", "pk", null, 1_704_067_200_000L, 0, 3_600_000L, 4);

    @Test
    void shardIdsParseBackToTheirShard() {
        Shard s = new Shard(stream, 3, 17);
        assertThat(s.shardId()).startsWith("shardId-").hasSize(37);
        assertThat(Shard.parse(stream, s.shardId())).isEqualTo(s);
        assertThat(Shard.parse(stream, "shardId-00000000000000000000-ffffffff")).isNull();
        assertThat(Shard.parse(stream, "nonsense")).isNull();
    }

    @Test
    void aChildShardStartsAfterItsParentEnds() {
        Shard parent = new Shard(stream, 1, 0);
        Shard child = new Shard(stream, 1, 1);
        assertThat(child.parentShardId()).isEqualTo(parent.shardId());
        assertThat(parent.parentShardId()).isNull();
        assertThat(child.firstSeq()).isEqualTo(parent.lastSeq() + 1);
        assertThat(Shard.formatSeq(child.firstSeq())).hasSize(21);
        assertThat(Shard.parseSeq(Shard.formatSeq(child.firstSeq()))).isEqualTo(child.firstSeq());
    }
}
