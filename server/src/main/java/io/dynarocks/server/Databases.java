package io.dynarocks.server;

import io.dynarocks.engine.Namespace;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.security.AccessKey;
import io.dynarocks.security.CredentialScope;
import io.dynarocks.security.SignedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases of a server, one per {@link Namespace}, and which one serves a request. With
 * {@link DatabaseLayout#SHARED} every request is served by the shared database and nothing of the
 * request is read; with {@link DatabaseLayout#PER_CREDENTIAL} a request signed with access key id K in
 * region R is served by the database of K and R, opened on its first request, as DynamoDB Local does
 * without {@code -sharedDb}. Unsigned requests are served by the shared database.
 *
 * <p>With authentication on, tables belong to the signing key's account, as in AWS: with shared databases
 * each account has its own ({@link Namespace#ofAccount}; the default account's is the shared one), with
 * per-credential ones each key in each region, its tables in its account. A request naming another
 * account's table by ARN is served by that account's database (resource policies decide what it may do).
 */
final class Databases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Databases.class);

    private final DatabaseLayout layout;
    private final Database shared;
    private final Function<Namespace, Database> opener;
    private final Predicate<String> knownAccount;
    private final Map<Namespace, Database> opened = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param opener       opens the database of a namespace other than the shared one
     * @param knownAccount whether an account has keys (another account's tables are reached only for those)
     */
    Databases(DatabaseLayout layout, Database shared, Function<Namespace, Database> opener,
            Predicate<String> knownAccount) {
        this.layout = layout;
        this.shared = shared;
        this.opener = opener;
        this.knownAccount = knownAccount;
    }

    Database shared() {
        return shared;
    }

    /**
     * Where {@code request}, whose decoded body is {@code body}, signed with {@code key} (null when authentication
     * is off), goes. A signed request naming its tables by ARN ({@link TableArnNames}) goes to the owner's
     * database, with plain names in its body and the ARNs back in its response; another
     * account's tables are reached only with shared databases (per-credential ones have no account-wide
     * database) and only for accounts with keys, otherwise the table is not found.
     */
    Routed serving(SignedRequest request, byte[] body, AccessKey key) {
        if (key == null) {
            // Without authentication every table is the default account's, and may be named by its ARN too.
            Database database = unauthenticated(request);
            Optional<TableArnNames> named = TableArnNames.of(body, io.dynarocks.engine.Engine.DEFAULT_ACCOUNT);
            if (named.isEmpty()) {
                return new Routed(database, database.dispatcher(), body);
            }
            if (!named.get().accountId().equals(io.dynarocks.engine.Engine.DEFAULT_ACCOUNT)) {
                throw DynamoException.resourceNotFound("Requested resource not found");
            }
            return new Routed(database, database.dispatcher(), named.get().body(), named.get()::responseNamed);
        }
        String account = key.principal().accountId();
        Optional<TableArnNames> named = TableArnNames.of(body, account);
        String owner = named.map(TableArnNames::accountId).orElse(account);
        Database database;
        if (owner.equals(account)) {
            String serverRegion = shared.namespace().region();
            database = layout == DatabaseLayout.SHARED ? open(Namespace.ofAccount(account, serverRegion))
                    : open(Namespace.ofCredential(key.id(),
                            CredentialScope.of(request).map(CredentialScope::region).orElse(serverRegion), account));
        } else if (layout == DatabaseLayout.SHARED && knownAccount.test(owner)) {
            database = open(Namespace.ofAccount(owner, shared.namespace().region()));
        } else {
            throw DynamoException.resourceNotFound("Requested resource not found");
        }
        if (named.isEmpty()) {
            return new Routed(database, database.dispatcher(), body);
        }
        TableArnNames names = named.get();
        return new Routed(database, database.dispatcher(), names.body(), names::responseNamed);
    }

    /** The database of an unauthenticated request. */
    private Database unauthenticated(SignedRequest request) {
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
