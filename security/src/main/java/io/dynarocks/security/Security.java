package io.dynarocks.security;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.PartsRefused;
import io.dynarocks.engine.RequestGuard;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.operation.BatchExecuteStatementRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The server's security checks for one request: who signed it ({@link #verify}), then whether the decoded
 * request is allowed on the tables of the database that serves it ({@link #guard}), with an optional audit
 * line. Built only when authentication is on, so the unauthenticated path never reaches this module.
 */
public final class Security implements AutoCloseable {

    private final Credentials credentials;
    private final SignatureV4 signatures;
    private final Authorizer authorizer;
    private final AuditLog audit;

    private Security(Credentials credentials, Clock clock, AuditLog audit) {
        this.credentials = credentials;
        this.signatures = new SignatureV4(credentials, clock);
        this.authorizer = new Authorizer(clock);
        this.audit = audit;
    }

    /** The checks {@code config} asks for, or null when authentication is off. */
    public static Security of(SecurityConfig config, Clock clock) {
        if (!config.authEnabled()) {
            if (config.auditLog() != null) {
                throw new IllegalArgumentException("--audit-log records who made each request: it needs --auth or "
                        + "--auth-key");
            }
            return null;
        }
        Credentials credentials = Credentials.load(config.authFile(), config.authKeys());
        return new Security(credentials, clock,
                config.auditLog() == null ? null : AuditLog.open(config.auditLog(), clock));
    }

    /** Verifies who signed {@code request}: its access key, or DynamoDB's authentication errors. */
    public AccessKey verify(SignedRequest request) {
        try {
            return signatures.verify(request);
        } catch (DynamoException e) {
            if (audit != null) {
                String target = request.header("X-Amz-Target");
                audit.record(null, null, target == null ? null : action(target), List.of(), request.sourceAddress(),
                        e.type());
            }
            throw e;
        }
    }

    /** Whether some key of the server belongs to account {@code accountId}. */
    public boolean knowsAccount(String accountId) {
        return credentials.hasAccount(accountId);
    }

    /**
     * The guard that authorizes what {@code request}, signed with {@code key}, asks once it is decoded, against
     * the tables of {@code engine} and their resource policies ({@code resourcePolicies}, null for none).
     */
    public RequestGuard guard(AccessKey key, SignedRequest request, Engine engine,
            ResourcePolicies resourcePolicies) {
        Principal principal = key.principal();
        String owner = engine.accountId();
        boolean ownAccount = owner.equals(principal.accountId());
        return (target, decoded) -> {
            if (principal.policies().fullAccess() && audit == null && ownAccount
                    && (resourcePolicies == null || !resourcePolicies.any())) {
                return;
            }
            if (decoded instanceof BatchExecuteStatementRequest batch) {
                statementByStatement(key, target, request, engine, resourcePolicies, batch);
                return;
            }
            List<RequestAccesses.Access> accesses = authorizer.accesses(target, decoded, engine);
            try {
                authorizer.authorize(principal, accesses, request.sourceAddress(), request.secure(), resourcePolicies,
                        owner);
            } catch (DynamoException e) {
                audit(key, target, accesses, request, e.type());
                throw e;
            }
            audit(key, target, accesses, request, "Allowed");
        };
    }

    /**
     * BatchExecuteStatement's statements are authorized one by one, as DynamoDB answers them: a refused statement
     * gets its own AccessDenied error while the others run ({@link PartsRefused}).
     */
    private void statementByStatement(AccessKey key, String target, SignedRequest request, Engine engine,
            ResourcePolicies resourcePolicies, BatchExecuteStatementRequest batch) {
        List<RequestAccesses.Access> all = new ArrayList<>();
        SortedMap<Integer, DynamoException> refused = new TreeMap<>();
        for (int i = 0; i < batch.statements().size(); i++) {
            List<RequestAccesses.Access> accesses = PartiqlAccesses.of(batch.statements().get(i),
                    "BatchExecuteStatement", batch.returnConsumedCapacity(), engine);
            all.addAll(accesses);
            try {
                authorizer.authorize(key.principal(), accesses, request.sourceAddress(), request.secure(),
                        resourcePolicies, engine.accountId());
            } catch (DynamoException e) {
                refused.put(i, e);
            }
        }
        if (refused.isEmpty()) {
            audit(key, target, all, request, "Allowed");
            return;
        }
        audit(key, target, all, request, refused.get(refused.firstKey()).type());
        throw new PartsRefused(refused);
    }

    /** {@link #verify} then {@link #guard} on the tables of {@code engine}. */
    public RequestGuard authenticate(SignedRequest request, Engine engine, ResourcePolicies resourcePolicies) {
        return guard(verify(request), request, engine, resourcePolicies);
    }

    private void audit(AccessKey key, String target, List<RequestAccesses.Access> accesses, SignedRequest request,
            String outcome) {
        if (audit == null) {
            return;
        }
        Set<String> resources = new LinkedHashSet<>();
        accesses.forEach(a -> resources.add(a.resource()));
        audit.record(key.principal(), key.id(), action(target), resources, request.sourceAddress(), outcome);
    }

    private static String action(String target) {
        return "dynamodb:" + target.substring(target.indexOf('.') + 1);
    }

    @Override
    public void close() {
        if (audit != null) {
            audit.close();
        }
    }
}
