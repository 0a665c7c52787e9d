package app.symmetry.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.inject.Singleton;

import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.organisation.Organisation;
import app.symmetry.organisation.OrganisationDirectory;

/**
 * Who calls a protected function, and whether they may: checked in the function itself, on every
 * binding, whatever the gateway in front already did (docs/access.md).
 * <ul>
 * <li>Over the local HTTP binding the {@code x-api-key} header is checked here against the stored
 * keys (the local run's own {@code SYMMETRY_API_KEY} stands for an admin).</li>
 * <li>Through API Gateway the event carries {@code "caller": "keyId|role|scope"}: the request
 * template copies it from {@code $context.authorizer}, which only the Lambda authorizer
 * ({@code authorizeApiKey}) sets; the key is read again here, so a key revoked while the authorizer's
 * answer is cached is refused, and a context that is not the key's own is {@code forbidden}.</li>
 * <li>Any other event can only come from a principal IAM lets invoke the function directly (the
 * schedule's rule, an operator): {@link Caller#DIRECT}.</li>
 * </ul>
 * The role is checked before anything of the request is read; ids outside the caller's scope are
 * refused exactly as ids that do not exist are, so a scoped key learns nothing of other units.
 */
@Singleton
public class Access {

    /** The member API Gateway's request templates add: {@code keyId|role|scope} from {@code $context.authorizer}. */
    public static final String CALLER = "caller";

    public static final Caller LOCAL_ADMIN = new Caller("local-admin", Role.ADMIN, Scope.EVERYTHING);

    private final BindingCredentials binding;
    private final ApiKeys keys;
    private final OrganisationDirectory directory;

    public Access(BindingCredentials binding, ApiKeys keys, OrganisationDirectory directory) {
        this.binding = binding;
        this.keys = keys;
        this.directory = directory;
    }

    /** The request of an authorised caller: who it is, and the body the function reads. */
    public record Authorized(Caller caller, Map<String, Object> body) {}

    public Authorized authorize(Map<String, ?> event, Role... allowed) {
        Optional<BindingCredentials.Presented> http = binding.current();
        Caller caller;
        Map<String, ?> body = event;
        if (http.isPresent()) {
            caller = http.get().localAdmin()
                    ? LOCAL_ADMIN
                    : keys.authenticate(http.get().apiKey());
        } else if (event != null && event.containsKey(CALLER)) {
            caller = keys.confirm(event.get(CALLER));
            body = gatewayBody(event);
        } else {
            caller = Caller.DIRECT;
        }
        caller.requireRole(allowed);
        @SuppressWarnings("unchecked")
        Map<String, Object> request = body == null ? Map.of() : (Map<String, Object>) body; // no body reads as {}
        return new Authorized(caller, request);
    }

    /** A unit named by a request: out of the caller's scope reads as no such unit. */
    public void requireUnit(Caller caller, Object unitId, String field) {
        if (unitId instanceof String id && caller.scope().restricted()) {
            Organisation org = directory.organisation();
            if (org.unit(id).filter(caller.scope()::reachesUnit).isEmpty()) {
                throw directory.unknownUnit(id, field);
            }
        }
    }

    /** A snapshot scope and id: out of the caller's scope reads as no such unit or region. */
    public void requireVisible(Caller caller, Object scope, Object id) {
        if (!(scope instanceof String s)
                || !(id instanceof String i)
                || !caller.scope().restricted()) {
            return;
        }
        Organisation org = directory.organisation();
        if (caller.scope().sees(s, i, org)) {
            return;
        }
        if (s.equals("unit")) {
            throw directory.unknownUnit(i, "id");
        }
        throw new SymmetryException(ErrorCode.NOT_FOUND, "id", "there is no region " + i);
    }

    /** Customer codes and links are the organisation's (admin); pulse credentials are HR's too. */
    public void requireIssuer(Caller caller, Map<String, ?> body) {
        boolean pulse = body != null && "pulse".equals(body.get("kind"));
        if (pulse) {
            caller.requireRole(Role.ADMIN, Role.HR);
        } else {
            caller.requireRole(Role.ADMIN);
        }
        requireUnit(caller, body == null ? null : body.get("unitId"), "unitId");
    }

    public boolean sees(Caller caller, String scope, String id) {
        return caller.scope().sees(scope, id, directory.organisation());
    }

    public <T> List<T> visible(Caller caller, List<T> items, Function<T, String> scope, Function<T, String> id) {
        if (!caller.scope().restricted()) {
            return items;
        }
        return items.stream()
                .filter(t -> sees(caller, scope.apply(t), id.apply(t)))
                .toList();
    }

    /**
     * A POST's body is {@code {"body": {…}, "caller": "…"}}, out of the client's reach; a GET's query
     * arrives flat with {@code caller} beside its members (the request template drops any {@code caller}
     * the client put in the query string, see docs/access.md).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, ?> gatewayBody(Map<String, ?> event) {
        if (event.size() == 2
                && event.containsKey("body")
                && (event.get("body") == null || event.get("body") instanceof Map)) {
            return (Map<String, ?>) event.get("body");
        }
        Map<String, Object> query = new LinkedHashMap<>(event);
        query.remove(CALLER);
        return query;
    }
}
