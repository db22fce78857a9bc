package io.dynarocks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamespaceTest {

    @Test
    void credentialNamespacesAreNamedLikeDynamoDbLocalsDatabaseFiles() {
        assertThat(Namespace.ofCredential("AKIDEXAMPLE", "us-east-1").name()).isEqualTo("AKIDEXAMPLE_us-east-1");
        assertThat(Namespace.SHARED.name()).isEqualTo("shared-local-instance");
    }

    @Test
    void directoryNamesNeverLeaveTheirParent() {
        assertThat(Namespace.ofCredential("AKIDEXAMPLE", "us-east-1").directoryName())
                .isEqualTo("AKIDEXAMPLE_us-east-1");
        assertThat(new Namespace("../x/y").directoryName()).isEqualTo("%2E.%2Fx%2Fy");
        assertThat(new Namespace("..").directoryName()).doesNotContain("/").isNotEqualTo("..");
        assertThat(new Namespace("é").directoryName()).isEqualTo("%C3%A9");
    }
}
