package io.dynarocks.it;

import io.dynarocks.junit5.DynaRocksTest;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The JUnit 5 extension with clients that talk HTTP to the embedded server. */
@DynaRocksTest
@Execution(ExecutionMode.CONCURRENT)
class JUnitExtensionIT extends ExtensionClientsContract {
}
