package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.util.VersionInfo;

/** The versions this project stands for are the ones its tests ran on. */
class VersionsTest {

    @Test
    void runsOnJUnit6_0_3AndAwsSdk2_57_8() {
        assertEquals("6.0.3", Test.class.getPackage().getImplementationVersion());
        assertEquals("2.57.8", VersionInfo.SDK_VERSION);
    }
}
