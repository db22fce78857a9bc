package io.dynarocks.server;

import io.dynarocks.engine.RequestGuard;
import io.dynarocks.engine.RequestHandler;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.AttributeValueJson;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an {@code X-Amz-Target} and a body into a status and a body. The only place where errors
 * become DynamoDB's {@code __type}/{@code message} JSON and an HTTP status.
 */
public final class Dispatcher {

    /** A response ready for the wire. */
    public record Reply(int status, byte[] body) {}

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final String SERVICE_NAMESPACE = "com.amazonaws.dynamodb.v20120810#";
    /** Errors of the request framework rather than of DynamoDB itself, as DynamoDB names them. */
    private static final java.util.Map<String, String> FRAMEWORK_NAMESPACES = java.util.Map.of(
            "ValidationException", "com.amazon.coral.validate#",
            "SerializationException", "com.amazon.coral.service#",
            "UnknownOperationException", "com.amazon.coral.service#",
            "MissingAuthenticationTokenException", "com.amazon.coral.service#",
            "IncompleteSignatureException", "com.amazon.coral.service#",
            "InvalidSignatureException", "com.amazon.coral.service#",
            "UnrecognizedClientException", "com.amazon.coral.service#",
            "AccessDeniedException", "com.amazon.coral.service#");
    /** Errors whose message member DynamoDB spells {@code Message}; all others spell it {@code message}. */
    private static final java.util.Set<String> CAPITAL_MESSAGE = java.util.Set.of(
            "SerializationException", "TransactionCanceledException");

    private final RequestHandler registry;
    private final RequestListener listener;

    public Dispatcher(RequestHandler registry) {
        this(registry, RequestListener.none());
    }

    /** A dispatcher that tells {@code listener} about every request it answers. */
    public Dispatcher(RequestHandler registry, RequestListener listener) {
        this.registry = registry;
        this.listener = listener;
    }

    public Reply dispatch(String target, byte[] body) {
        return dispatch(target, body, null);
    }

    /** Executes a request that reached the server at {@code address} (host and port as the client addressed it). */
    public Reply dispatch(String target, byte[] body, String address) {
        return dispatch(target, body, address, null);
    }

    /**
     * As {@link #dispatch(String, byte[], String)}, once {@code guard} (null: none) admitted the decoded request.
     * Throws {@link StorageException.Stalled}, having written nothing, when the request runs under
     * {@link io.dynarocks.storage.NonBlockingWrites} and the store holds writes back.
     */
    public Reply dispatch(String target, byte[] body, String address, RequestGuard guard) {
        long start = System.nanoTime();
        DynamoException failure;
        try {
            Response response = registry.handle(target, body, address, guard);
            Reply reply = new Reply(200, response == Response.NO_BODY ? new byte[0] : JsonWriter.object(response::write));
            listener.completed(target, reply.status(), null, System.nanoTime() - start);
            return reply;
        } catch (DynamoException e) {
            LOG.debug("{} failed: {} {}", target, e.type(), e.getMessage());
            failure = e;
        } catch (StorageException.Stalled e) {
            // Nothing was written: the caller (the HTTP handler) tries again once the store takes writes.
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            StorageException.Unavailable unavailable = StorageException.Unavailable.causing(e);
            if (unavailable != null) {
                // Transient (e.g. a distributed store electing a leader, after its own retries): one line per
                // request, no stack trace; the client gets DynamoDB's retryable InternalServerError.
                LOG.warn("{} failed, store unavailable: {}", target, unavailable.getMessage());
            } else {
                LOG.error("internal error while executing {}", target, e);
            }
            failure = DynamoException.internal("Internal server error");
        }
        Reply reply = error(failure);
        listener.completed(target, reply.status(), failure.type(), System.nanoTime() - start);
        return reply;
    }

    /** The answer to a request refused before it could be dispatched (e.g. a body that cannot be decoded). */
    public Reply reject(String target, DynamoException failure) {
        LOG.debug("{} refused: {} {}", target, failure.type(), failure.getMessage());
        Reply reply = error(failure);
        listener.completed(target, reply.status(), failure.type(), 0);
        return reply;
    }

    /** The targets this dispatcher serves ({@code service.Action}), sorted. */
    public java.util.Set<String> targets() {
        return registry.names();
    }

    private static Reply error(DynamoException e) {
        byte[] body = JsonWriter.object(g -> {
            g.writeStringField("__type", FRAMEWORK_NAMESPACES.getOrDefault(e.type(), SERVICE_NAMESPACE) + e.type());
            if (e.getMessage() != null) {
                g.writeStringField(CAPITAL_MESSAGE.contains(e.type()) ? "Message" : "message", e.getMessage());
            }
            if (e.item() != null) {
                g.writeFieldName("Item");
                AttributeValueJson.writeItem(g, e.item());
            }
            if (e.details() != null) {
                e.details().write(g);
            }
        });
        return new Reply(e.status(), body);
    }
}
