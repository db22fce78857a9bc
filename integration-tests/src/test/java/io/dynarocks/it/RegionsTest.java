package io.dynarocks.it;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * Tests across servers that each stand for a region: the regions they name, and their servers, stopped
 * after each test.
 */
abstract class RegionsTest {

    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final String EU = "eu-west-1";
    /** How long replication may take on a loaded machine. */
    static final Duration WAIT = Duration.ofSeconds(60);

    /** The servers of the test, set by the test itself. */
    Regions regions;

    @AfterEach
    void stopRegions() {
        if (regions != null) {
            regions.close();
        }
    }
}
