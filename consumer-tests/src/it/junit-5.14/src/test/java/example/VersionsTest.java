package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.util.VersionInfo;

/** The versions this project stands for are the ones its tests ran on. */
class VersionsTest {

    @Test
    void runsOnJUnit5_14_4AndAwsSdk2_57_8() {
        assertEquals("5.14.4", Test.class.getPackage().getImplementationVersion());
        assertEquals("2.57.8", VersionInfo.SDK_VERSION);
    }
}
