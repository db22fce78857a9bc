package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The security model seen through Python's boto3 ({@code src/test/resources/boto3_security.py}), as the Java
 * SDK sees it in AuthorizationIT, ResourcePolicyIT and EncryptionIT: fine-grained access control with
 * dynamodb:LeadingKeys and dynamodb:Attributes, a resource policy granting a second account, and an encrypted
 * store read back after a restart.
 */
class Boto3SecurityIT {

    private static final String SCRIPT = "boto3_security.py";
    private static final String ALICE = "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: ";
    private static final String GAME_SCORES = " on resource: arn:aws:dynamodb:us-east-1:000000000000:table/GameScores";
    private static final String CAROL = "User: arn:aws:iam::111122223333:user/carol is not authorized to perform: ";
    private static final String SHARED = "arn:aws:dynamodb:us-east-1:000000000000:table/shared";

    @TempDir
    Path dir;

    @Test
    void leadingKeysAndAttributesConditionsLimitAUserToItsPartitionAndAttributes() throws Exception {
        try (AuthFixture fixture = AuthFixture.gameScores(dir, AuthorizationIT.PLAYER_POLICY, b -> b)) {
            fixture.admin().putItem(b -> b.tableName("GameScores").item(Map.of("UserId", AttributeValue.fromS("bob"),
                    "GameTitle", AttributeValue.fromS("Chess"), "TopScore", AttributeValue.fromN("300"))));
            List<String> lines = Boto3Script.run(dir, SCRIPT, "fine-grained", fixture.server().endpoint().toString());
            assertThat(lines).containsExactly(
                    "put own ok",
                    "get own TopScore 100",
                    "query own 1",
                    "query bob AccessDeniedException: " + ALICE + "dynamodb:Query" + GAME_SCORES
                            + " because no identity-based policy allows the dynamodb:Query action",
                    "put bob AccessDeniedException: " + ALICE + "dynamodb:PutItem" + GAME_SCORES
                            + " with an explicit deny in an identity-based policy",
                    "batch-get alice and bob AccessDeniedException: " + ALICE + "dynamodb:BatchGetItem" + GAME_SCORES
                            + " because no identity-based policy allows the dynamodb:BatchGetItem action",
                    "batch-get alice ok",
                    "get all attributes AccessDeniedException: " + ALICE + "dynamodb:GetItem" + GAME_SCORES
                            + " because no identity-based policy allows the dynamodb:GetItem action",
                    "get Secret AccessDeniedException: " + ALICE + "dynamodb:GetItem" + GAME_SCORES
                            + " because no identity-based policy allows the dynamodb:GetItem action",
                    "put Secret AccessDeniedException: " + ALICE + "dynamodb:PutItem" + GAME_SCORES
                            + " because no identity-based policy allows the dynamodb:PutItem action",
                    "update Secret AccessDeniedException: " + ALICE + "dynamodb:UpdateItem" + GAME_SCORES
                            + " because no identity-based policy allows the dynamodb:UpdateItem action",
                    "update Wins ok");
            // Nothing alice was refused was written.
            assertThat(fixture.admin().getItem(b -> b.tableName("GameScores").key(Map.of(
                    "UserId", AttributeValue.fromS("bob"), "GameTitle", AttributeValue.fromS("Chess")))).item())
                    .containsEntry("TopScore", AttributeValue.fromN("300"));
            assertThat(fixture.admin().getItem(b -> b.tableName("GameScores").key(Map.of(
                    "UserId", AttributeValue.fromS("alice"), "GameTitle", AttributeValue.fromS("Chess")))).item())
                    .doesNotContainKey("Secret").containsEntry("Wins", AttributeValue.fromN("2"));
        }
    }

    @Test
    void resourcePolicyGrantsASecondAccountItsActionsUntilItIsDeleted() throws Exception {
        try (AuthFixture fixture = AuthFixture.start(dir, """
                {"accounts": [
                  {"id": "000000000000", "users": [{"name": "admin",
                     "keys": [{"accessKeyId": "AKIDADMIN", "secretAccessKey": "admin-secret"}]}]},
                  {"id": "111122223333", "users": [{"name": "carol",
                     "policies": [{"Statement": [{"Effect": "Allow",
                       "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:DeleteItem"],
                       "Resource": "arn:aws:dynamodb:*:000000000000:table/shared"}]}],
                     "keys": [{"accessKeyId": "AKIDCAROL", "secretAccessKey": "carol-secret"}]}]}]}
                """)) {
            List<String> lines = Boto3Script.run(dir, SCRIPT, "resource-policy",
                    fixture.server().endpoint().toString());
            String noResourcePolicy = "AccessDeniedException: " + CAROL + "dynamodb:GetItem on resource: " + SHARED
                    + " because no resource-based policy allows the dynamodb:GetItem action";
            assertThat(lines).containsExactly(
                    "arn " + SHARED,
                    "before " + noResourcePolicy,
                    "stored True",
                    "get shared value",
                    "batch-get keyed by " + SHARED,
                    "delete AccessDeniedException: " + CAROL + "dynamodb:DeleteItem on resource: " + SHARED
                            + " because no resource-based policy allows the dynamodb:DeleteItem action",
                    "own account's table of that name AccessDeniedException: " + CAROL + "dynamodb:GetItem on "
                            + "resource: arn:aws:dynamodb:us-east-1:111122223333:table/shared because no "
                            + "identity-based policy allows the dynamodb:GetItem action",
                    "after delete " + noResourcePolicy);
        }
    }

    @Test
    void encryptedStoreWrittenWithBoto3HoldsNoValueInClearAndReadsBackAfterARestart() throws Exception {
        // No four bytes repeat, so block compression cannot hide a value stored in clear (see EncryptionIT).
        String secret = "Wq4Zr8Tx2Mv6Pk9Ls3Hd";
        Path data = dir.resolve("data");
        Path key = key("key");
        try (DynaRocks server = DynaRocks.builder().dataDir(data).port(0).encryptionKeyFile(key).start()) {
            assertThat(Boto3Script.run(dir, SCRIPT, "encrypted-write", server.endpoint().toString(), secret))
                    .containsExactly("written");
        }
        assertThat(EncryptionIT.filesContaining(data, secret)).isEmpty();
        try (DynaRocks server = DynaRocks.builder().dataDir(data).port(0).encryptionKeyFile(key).start()) {
            assertThat(Boto3Script.run(dir, SCRIPT, "encrypted-read", server.endpoint().toString()))
                    .containsExactly("read " + secret);
        }
        assertThatThrownBy(() -> DynaRocks.builder().dataDir(data).port(0).encryptionKeyFile(key("other")).start())
                .hasMessageContaining("wrong encryption key");
    }

    private Path key(String name) throws java.io.IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Path file = dir.resolve(name);
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n");
        return file;
    }
}
