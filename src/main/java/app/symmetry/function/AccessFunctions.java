package app.symmetry.function;

import java.time.Clock;
import java.util.Map;

import io.quarkus.funqy.Funq;

import app.symmetry.access.Access;
import app.symmetry.access.ApiKeyList;
import app.symmetry.access.ApiKeys;
import app.symmetry.access.Caller;
import app.symmetry.access.CreatedApiKey;
import app.symmetry.access.GatewayPolicy;
import app.symmetry.access.RevokedApiKey;
import app.symmetry.access.Role;
import app.symmetry.access.Unauthorized;
import app.symmetry.audit.AuditLog;
import app.symmetry.audit.AuditPage;
import app.symmetry.error.SymmetryException;
import app.symmetry.function.request.AccessRequests;
import app.symmetry.storage.AuditStore;

/** Keys and the audit log (admin only), and the gateway's authorizer that turns a presented key into a caller. */
public class AccessFunctions {

    private final Access access;
    private final ApiKeys keys;
    private final AuditLog audit;
    private final Clock clock;

    public AccessFunctions(Access access, ApiKeys keys, AuditLog audit, Clock clock) {
        this.access = access;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    @Funq
    public CreatedApiKey createApiKey(Map<String, Object> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN);
        return keys.create(in.caller(), AccessRequests.create(in.body()));
    }

    @Funq
    public ApiKeyList listApiKeys(Map<String, String> request) {
        return keys.list(
                AccessRequests.list(access.authorize(request, Role.ADMIN).body()));
    }

    @Funq
    public RevokedApiKey revokeApiKey(Map<String, Object> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN);
        return keys.revoke(in.caller(), AccessRequests.revokedKeyId(in.body()));
    }

    /** One month of the audit log, newest first (admin only): keys, credentials, revocations, recomputes. */
    @Funq
    public AuditPage listAuditLog(Map<String, String> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN);
        return audit.list(AccessRequests.auditListing(in.body(), AuditStore.monthOf(clock.instant())));
    }

    /** API Gateway's REQUEST authorizer: {@code headers["x-api-key"]} in, an allow policy with the caller out. */
    @Funq
    public GatewayPolicy authorizeApiKey(Map<String, Object> event) {
        Object headers = event == null ? null : event.get("headers");
        String presented = null;
        if (headers instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> header : map.entrySet()) {
                if (header.getKey() instanceof String name
                        && name.equalsIgnoreCase("x-api-key")
                        && header.getValue() instanceof String v) {
                    presented = v;
                }
            }
        }
        Object methodArn = event == null ? null : event.get("methodArn");
        if (presented == null || !(methodArn instanceof String arn)) {
            throw new Unauthorized();
        }
        Caller caller;
        try {
            caller = keys.authenticate(presented);
        } catch (SymmetryException refused) {
            if (refused.code().retryable()) {
                throw refused; // storage down: the gateway answers 500, and nothing is cached
            }
            throw new Unauthorized();
        }
        return GatewayPolicy.allow(caller, arn);
    }
}
