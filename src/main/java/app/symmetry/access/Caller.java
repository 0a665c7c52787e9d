package app.symmetry.access;

import java.util.Arrays;

import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;

/**
 * Who is calling a protected function, as established for this call: the key's id, its role and
 * its scope. {@link #DIRECT} is a direct Lambda invocation (EventBridge's schedule, an operator's
 * {@code aws lambda invoke}): API Gateway never produces one, so only a principal that IAM lets invoke
 * the function can (docs/access.md).
 */
public record Caller(String keyId, Role role, Scope scope) {

    public static final Caller DIRECT = new Caller("iam", Role.ADMIN, Scope.EVERYTHING);

    /** A wrong role is refused whatever the request says: no input is read before this. */
    public Caller requireRole(Role... allowed) {
        if (Arrays.asList(allowed).contains(role)) {
            return this;
        }
        throw forbidden(role.wireName() + " keys may not call this function");
    }

    public static SymmetryException forbidden(String message) {
        return new SymmetryException(ErrorCode.FORBIDDEN, "x-api-key", message);
    }
}
