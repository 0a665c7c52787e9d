package app.symmetry.function;

import java.util.Map;

import io.quarkus.funqy.Funq;

import app.symmetry.access.Access;
import app.symmetry.access.Role;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.function.request.InvitationRequests;
import app.symmetry.invitation.InvitationBatchReport;
import app.symmetry.invitation.InvitationService;
import app.symmetry.invitation.QueuedInvitations;

/**
 * Invitations sent by e-mail: queued by HR (pulse) or an admin (customer), read back by them, and sent
 * by {@code deliverInvitations}, which only the queue invokes (SQS on AWS; locally the local run's queue).
 */
public class InvitationFunctions {

    private final InvitationService invitations;
    private final Access access;

    public InvitationFunctions(InvitationService invitations, Access access) {
        this.invitations = invitations;
        this.access = access;
    }

    @Funq
    public QueuedInvitations sendInvitations(Map<String, Object> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN, Role.HR);
        access.requireIssuer(in.caller(), in.body());
        return invitations.queue(
                InvitationRequests.sendInvitations(in.body()), in.caller().keyId());
    }

    @Funq
    public InvitationBatchReport getInvitationBatch(Map<String, String> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN, Role.HR);
        String batchId = InvitationRequests.batchId(in.body());
        InvitationBatchReport report = invitations.report(batchId);
        try {
            // who may send a batch may read it: its kind's role, its unit in scope
            access.requireIssuer(in.caller(), Map.of("kind", report.kind(), "unitId", report.unitId()));
        } catch (SymmetryException outOfScope) {
            if (outOfScope.code().httpStatus() == 404) {
                // another unit's batch reads as no batch at all
                throw new SymmetryException(ErrorCode.NOT_FOUND, "batchId", "there is no invitation batch " + batchId);
            }
            throw outOfScope;
        }
        return report;
    }

    /** The sender: one queue message (SQS delivers its body here); failing it makes the queue deliver it again. */
    @Funq
    public InvitationService.Delivered deliverInvitations(Map<String, Object> message) {
        return invitations.deliver(InvitationRequests.delivery(message));
    }
}
