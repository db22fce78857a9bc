package io.dynarocks.server;

import io.dynarocks.engine.Namespace;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.security.CredentialScope;
import io.dynarocks.security.SignedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases of a server, one per {@link Namespace}, and which one serves a request. With
 * {@link DatabaseLayout#SHARED} every request is served by the shared database and nothing of the
 * request is read; with {@link DatabaseLayout#PER_CREDENTIAL} a request signed with access key id K in
 * region R is served by the database of K and R, opened on its first request, as DynamoDB Local does
 * without {@code -sharedDb}. Unsigned requests are served by the shared database.
 */
final class Databases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Databases.class);

    private final DatabaseLayout layout;
    private final Database shared;
    private final Function<Namespace, Database> opener;
    private final Map<Namespace, Database> opened = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param opener opens the database of a namespace other than the shared one */
    Databases(DatabaseLayout layout, Database shared, Function<Namespace, Database> opener) {
        this.layout = layout;
        this.shared = shared;
        this.opener = opener;
    }

    Database shared() {
        return shared;
    }

    /** The database that serves {@code request}. */
    Database serving(SignedRequest request) {
        if (layout == DatabaseLayout.SHARED) {
            return shared;
        }
        return CredentialScope.of(request)
                .map(scope -> open(Namespace.ofCredential(scope.accessKeyId(), scope.region())))
                .orElse(shared);
    }

    /** The database of {@code namespace}, opened if it is not yet. */
    Database open(Namespace namespace) {
        if (namespace.equals(shared.namespace())) {
            return shared;
        }
        return opened.computeIfAbsent(namespace, n -> {
            if (closed) {
                throw DynamoException.internal("Internal server error");
            }
            try {
                return opener.apply(n);
            } catch (RuntimeException e) {
                LOG.error("cannot open the database of {}", n.name(), e);
                throw DynamoException.internal("Internal server error");
            }
        });
    }

    /** Every open database, the shared one first. */
    List<Database> all() {
        List<Database> all = new ArrayList<>();
        all.add(shared);
        all.addAll(opened.values());
        return all;
    }

    @Override
    public void close() {
        closed = true;
        for (Database database : all()) {
            database.close();
        }
    }
}
