package app.symmetry.function;

import java.util.Map;

import io.quarkus.funqy.Funq;

import app.symmetry.access.Access;
import app.symmetry.access.Role;
import app.symmetry.followup.ErasedContact;
import app.symmetry.followup.FollowUpPage;
import app.symmetry.followup.FollowUpView;
import app.symmetry.followup.FollowUps;
import app.symmetry.function.request.FollowUpRequests;

/** A unit's follow-ups: read and moved on by in-scope viewers and admins; an address erased by admins. */
public class FollowUpFunctions {

    private final Access access;
    private final FollowUps followUps;

    public FollowUpFunctions(Access access, FollowUps followUps) {
        this.access = access;
        this.followUps = followUps;
    }

    @Funq
    public FollowUpPage listFollowUps(Map<String, String> query) {
        Access.Authorized in = access.authorize(query, Role.ADMIN, Role.VIEWER);
        return followUps.list(in.caller(), FollowUpRequests.list(in.body()));
    }

    @Funq
    public FollowUpView updateFollowUp(Map<String, Object> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN, Role.VIEWER);
        return followUps.update(in.caller(), FollowUpRequests.update(in.body()));
    }

    @Funq
    public ErasedContact eraseContact(Map<String, Object> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN);
        return followUps.eraseContact(in.caller(), FollowUpRequests.erasedFollowUpId(in.body()));
    }
}
