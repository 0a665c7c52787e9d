package app.symmetry.function;

import java.util.Map;

import io.quarkus.funqy.Funq;

import app.symmetry.access.Access;
import app.symmetry.access.Role;
import app.symmetry.function.request.LinkRequests;
import app.symmetry.link.FormDescription;
import app.symmetry.link.IssuedLinks;
import app.symmetry.link.LinkService;
import app.symmetry.link.RevokedCode;
import app.symmetry.link.RevokedLinkBatch;
import app.symmetry.link.UnitCode;

/** Codes and links: issued and revoked by managers (protected), described to forms (public). */
public class LinkFunctions {

    private final LinkService links;
    private final Access access;

    public LinkFunctions(LinkService links, Access access) {
        this.links = links;
        this.access = access;
    }

    @Funq
    public IssuedLinks issueLinks(Map<String, Object> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN, Role.HR);
        access.requireIssuer(in.caller(), in.body());
        return links.issueLinks(LinkRequests.issueLinks(in.body()), in.caller().keyId());
    }

    @Funq
    public UnitCode issueUnitCode(Map<String, Object> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN, Role.HR);
        access.requireIssuer(in.caller(), in.body());
        return links.issueUnitCode(
                LinkRequests.issueUnitCode(in.body()), in.caller().keyId());
    }

    @Funq
    public RevokedCode revokeUnitCode(Map<String, Object> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN);
        return links.revokeUnitCode(
                LinkRequests.revokedToken(in.body()), in.caller().keyId());
    }

    /** Withdraws a whole batch of e-mail links (a leaked mailing list): admin only. */
    @Funq
    public RevokedLinkBatch revokeLinkBatch(Map<String, Object> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN);
        return links.revokeLinkBatch(
                LinkRequests.revokedBatch(in.body()), in.caller().keyId());
    }

    /** POST only: the token is in the body, never in a query string that logs would keep. */
    @Funq
    public FormDescription getForm(Map<String, Object> request) {
        return links.describeForm(LinkRequests.formToken(request));
    }
}
