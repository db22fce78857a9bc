package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SystemPackagesTest {

    @Test
    void aProgramAlreadyOnThePathIsFoundWithoutInstalling() {
        assertThat(Files.isExecutable(SystemPackages.require("sh", "dash"))).isTrue();
    }

    @Test
    void aProgramThatNoPackageProvidesFailsWithTheInstallersOutput() {
        assertThatThrownBy(() -> SystemPackages.require("dynarocks-no-such-program", "dynarocks-no-such-package"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dynarocks-no-such-package");
    }
}
