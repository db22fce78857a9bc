package io.dynarocks.it;

import io.dynarocks.junit5.DynaRocksTest;
import io.dynarocks.junit5.DynaRocksTest.Transport;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The JUnit 5 extension with in-process clients: the same tests pass without a socket. */
@DynaRocksTest(transport = Transport.IN_PROCESS)
@Execution(ExecutionMode.CONCURRENT)
class JUnitExtensionInProcessIT extends ExtensionClientsContract {
}
