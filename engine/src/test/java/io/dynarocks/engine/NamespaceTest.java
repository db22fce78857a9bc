package io.dynarocks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamespaceTest {

    @Test
    void credentialNamespacesAreNamedLikeDynamoDbLocalsDatabaseFiles() {
        assertThat(Namespace.ofCredential("AKIDEXAMPLE", "us-east-1").name()).isEqualTo("AKIDEXAMPLE_us-east-1");
        assertThat(Namespace.shared("eu-west-1").name()).isEqualTo("shared-local-instance");
    }

    @Test
    void aCredentialNamespaceIsInItsCredentialsRegionAndTheOthersInTheServers() {
        assertThat(Namespace.ofCredential("AKIDEXAMPLE", "ap-south-1").region()).isEqualTo("ap-south-1");
        assertThat(Namespace.ofAccount("111122223333", "eu-west-1").region()).isEqualTo("eu-west-1");
        assertThat(Namespace.ofAccount(Engine.DEFAULT_ACCOUNT, "eu-west-1")).isEqualTo(Namespace.shared("eu-west-1"));
    }

    @Test
    void directoryNamesNeverLeaveTheirParent() {
        assertThat(Namespace.ofCredential("AKIDEXAMPLE", "us-east-1").directoryName())
                .isEqualTo("AKIDEXAMPLE_us-east-1");
        assertThat(named("../x/y").directoryName()).isEqualTo("%2E.%2Fx%2Fy");
        assertThat(named("..").directoryName()).doesNotContain("/").isNotEqualTo("..");
        assertThat(named("é").directoryName()).isEqualTo("%C3%A9");
    }

    private static Namespace named(String name) {
        return new Namespace(name, Engine.DEFAULT_ACCOUNT, Engine.DEFAULT_REGION);
    }
}
