package io.dynarocks.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/compatibility.md} lists exactly what the registry serves. When an action is added,
 * regenerate the page with
 * {@code mvn -B -o verify -pl server -am -Dtest=CompatibilityPageTest -Dsurefire.failIfNoSpecifiedTests=false -Ddynarocks.regenerateDocs=true}.
 */
class CompatibilityPageTest {

    private static final Path PAGE = Path.of("..", "docs", "compatibility.md");

    @Test
    void committedPageMatchesWhatTheServerServes() throws IOException {
        String committed = Files.readString(PAGE, StandardCharsets.UTF_8);
        String generated;
        try (DynaRocks db = DynaRocks.builder().inMemory().port(0).start()) {
            generated = CompatibilityPage.update(committed, db.dispatcher().targets());
        }
        if (Boolean.getBoolean("dynarocks.regenerateDocs")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/compatibility.md is stale; regenerate it as this test's Javadoc says")
                .isEqualTo(generated);
    }

    @Test
    void everyActionIsListedWithItsStatus() {
        String tables = CompatibilityPage.tables(Set.of("DynamoDB_20120810.PutItem",
                "DynamoDBStreams_20120810.GetRecords"));

        assertThat(tables).contains("| Items | `PutItem` | supported |", "| Queries | `Query` | not yet |",
                "| Streams | `GetRecords` | supported |", "### DynamoDB (1 of 58 actions)",
                "### DynamoDB Streams (1 of 4 actions)");
        assertThat(tables.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Area"))).hasSize(62);
    }

    @Test
    void servedActionsMissingFromTheListsStillAppear() {
        assertThat(CompatibilityPage.tables(Set.of("DynamoDB_20120810.Frobnicate")))
                .contains("Also served:", "- `DynamoDB_20120810.Frobnicate`");
    }
}
