package io.dynarocks.server;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured debug line per request (logger {@code io.dynarocks.requests}), with the action,
 * status, error type and latency as SLF4J key-value pairs. Quiet unless that logger is at DEBUG.
 */
final class RequestLog implements RequestListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.dynarocks.requests");

    @Override
    public void completed(String target, int status, String errorType, long nanos) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        LoggingEventBuilder event = LOG.atDebug().addKeyValue("target", target).addKeyValue("status", status);
        if (errorType != null) {
            event = event.addKeyValue("error", errorType);
        }
        event.addKeyValue("micros", TimeUnit.NANOSECONDS.toMicros(nanos)).log("request");
    }
}
