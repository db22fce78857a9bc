package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.util.VersionInfo;

/** The versions this project stands for are the ones its tests ran on. */
class VersionsTest {

    @Test
    void runsOnJUnit5_11_4AndAwsSdk2_20_162() {
        assertEquals("5.11.4", Test.class.getPackage().getImplementationVersion());
        assertEquals("2.20.162", VersionInfo.SDK_VERSION);
    }
}
