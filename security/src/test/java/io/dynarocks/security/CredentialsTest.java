package io.dynarocks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @TempDir
    Path dir;

    @Test
    void credentialsFileGivesEachKeyItsAccountUserAndTags() throws IOException {
        Path file = dir.resolve("auth.json");
        Files.writeString(file, """
                {"accounts": [{"id": "111122223333", "users": [{"name": "alice", "tags": {"team": "red"},
                  "keys": [{"accessKeyId": "AKIAALICE", "secretAccessKey": "s1"},
                           {"accessKeyId": "ASIAALICE", "secretAccessKey": "s2", "sessionToken": "t"}]}]}]}
                """);
        Credentials credentials = Credentials.load(file, List.of("AKIDBOB:bob-secret"));
        AccessKey alice = credentials.find("ASIAALICE");
        assertThat(alice.principal().arn()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(alice.principal().tags()).containsEntry("team", "red");
        assertThat(alice.sessionToken()).isEqualTo("t");
        assertThat(alice.principal().policies().fullAccess()).isTrue();
        assertThat(credentials.find("AKIDBOB").principal().accountId()).isEqualTo(Credentials.DEFAULT_ACCOUNT);
        assertThat(credentials.find("nobody")).isNull();
    }

    @Test
    void yamlCredentialsFileReadsAsTheJsonOne() throws IOException {
        Path file = dir.resolve("auth.yaml");
        Files.writeString(file, """
                accounts:
                  - id: "111122223333"
                    users:
                      - name: alice
                        tags: {team: red}
                        keys:
                          - {accessKeyId: ASIAALICE, secretAccessKey: s2, sessionToken: t}
                """);
        AccessKey alice = Credentials.load(file, List.of()).find("ASIAALICE");
        assertThat(alice.principal().arn()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(alice.principal().tags()).containsEntry("team", "red");
        assertThat(alice.sessionToken()).isEqualTo("t");
    }

    @Test
    void malformedJsonCredentialsFileIsRefusedNamingTheFormat() throws IOException {
        Path file = dir.resolve("auth.json");
        Files.writeString(file, "{\"accounts\": [");
        assertThatThrownBy(() -> Credentials.load(file, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot parse " + file + " as JSON");
    }

    @Test
    void authKeyWithoutSecretIsRefused() {
        assertThatThrownBy(() -> Credentials.load(null, List.of("AKIDONLY")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ACCESS_KEY:SECRET[:POLICY_FILE]");
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertThatThrownBy(() -> Credentials.load(null, List.of("AKID:a", "AKID:b")))
                .hasMessage("access key AKID is given twice");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        AccessKey key = Credentials.load(null, List.of("AKID:top-secret")).find("AKID");
        assertThat(key.toString()).doesNotContain("top-secret");
    }
}
