package io.dynarocks.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.memory.MemoryStorage;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SettingsVersionsTest {

    @Test
    void theLaterChangeWinsThenTheGreaterRegionAsForItems() {
        var early = new SettingsVersions.Version(1_000, "us-west-2");
        var late = new SettingsVersions.Version(2_000, "eu-west-1");
        var sameTimeOtherRegion = new SettingsVersions.Version(2_000, "us-east-1");

        assertThat(late).isGreaterThan(early);
        assertThat(sameTimeOtherRegion).isGreaterThan(late);
        assertThat(early).isLessThan(sameTimeOtherRegion);
    }

    @Test
    void versionsSurviveTheStorePerTable() {
        try (MemoryStorage storage = new MemoryStorage()) {
            Map<String, SettingsVersions.Version> versions = new TreeMap<>();
            versions.put(SettingsVersions.CAPACITY, new SettingsVersions.Version(5, "us-east-1"));
            versions.put(SettingsVersions.index("ByGenre"), new SettingsVersions.Version(7, "eu-west-1"));
            WriteBatch batch = new WriteBatch();
            SettingsVersions.stage(batch, "Music", versions);
            storage.write(batch);

            assertThat(SettingsVersions.of(storage, "Music")).isEqualTo(versions);
            assertThat(SettingsVersions.of(storage, "Musicals")).isEmpty();
        }
    }
}
