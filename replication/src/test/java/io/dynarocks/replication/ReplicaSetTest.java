package io.dynarocks.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.protocol.operation.ReplicaUpdate;
import io.dynarocks.replication.operation.ReplicaSetRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaSetTest {

    private static final ReplicaSettings TUNED = new ReplicaSettings(7L, null, "STANDARD_INFREQUENT_ACCESS", 1_000,
            Map.of("ByGenre", new ReplicaSettings.IndexSettings(4L, null)));

    @Test
    void aReplicaSetWithSettingsSurvivesTheStoreAndTheWire() {
        ReplicaSet set = new ReplicaSet("Music", ReplicaSet.CURRENT, List.of("us-west-2", "us-east-1"), 42)
                .withSettings("us-west-2", TUNED.withKmsMasterKeyArn("arn:aws:kms:us-west-2:000000000000:key/k"))
                .withSettings("us-east-1", TUNED);

        assertThat(ReplicaSet.fromBytes(set.toBytes())).isEqualTo(set);
        assertThat(ReplicaSetRequest.decode(new ReplicaSetRequest(set, null).toBytes()).set()).isEqualTo(set);
        assertThat(set.regions()).containsExactly("us-east-1", "us-west-2");
    }

    @Test
    void leavingRegionTakesItsSettingsAlong() {
        ReplicaSet set = new ReplicaSet("Music", ReplicaSet.CURRENT, List.of("us-east-1", "us-west-2"), 42)
                .withSettings("us-west-2", TUNED);

        assertThat(set.without("us-west-2").settings()).isEmpty();
        assertThat(set.without("us-west-2").settingsOf("us-west-2")).isEqualTo(ReplicaSettings.NONE);
    }

    @Test
    void anUpdateChangesWhatItNamesAndKeepsTheOtherIndexesOverrides() {
        ReplicaSettings two = TUNED.merge(new ReplicaUpdate(ReplicaUpdate.Action.UPDATE, "us-west-2", null, null, null,
                null, List.of(new ReplicaUpdate.IndexOverride("ByArtist", 6L, null))), 2_000);
        ReplicaSettings three = two.merge(new ReplicaUpdate(ReplicaUpdate.Action.UPDATE, "us-west-2", null, null, 9L,
                null, List.of(new ReplicaUpdate.IndexOverride("ByGenre", 8L, null))), 3_000);

        assertThat(three.readCapacityUnits()).isEqualTo(9L);
        assertThat(three.tableClass()).isEqualTo("STANDARD_INFREQUENT_ACCESS");
        assertThat(three.tableClassUpdatedMillis()).isEqualTo(1_000);
        assertThat(three.indexes()).containsEntry("ByGenre", new ReplicaSettings.IndexSettings(8L, null))
                .containsEntry("ByArtist", new ReplicaSettings.IndexSettings(6L, null));
    }
}
