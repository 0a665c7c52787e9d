package app.symmetry.function;

import java.util.Map;

import app.symmetry.function.request.LinkRequests;
import app.symmetry.link.FormDescription;
import app.symmetry.link.IssuedLinks;
import app.symmetry.link.LinkService;
import app.symmetry.link.RevokedCode;
import app.symmetry.link.UnitCode;
import io.quarkus.funqy.Funq;

/** Codes and links: issued and revoked by managers (protected), described to forms (public). */
public class LinkFunctions {

    private final LinkService links;

    public LinkFunctions(LinkService links) {
        this.links = links;
    }

    @Funq
    public IssuedLinks issueLinks(Map<String, Object> request) {
        return links.issueLinks(LinkRequests.issueLinks(request));
    }

    @Funq
    public UnitCode issueUnitCode(Map<String, Object> request) {
        return links.issueUnitCode(LinkRequests.issueUnitCode(request));
    }

    @Funq
    public RevokedCode revokeUnitCode(Map<String, Object> request) {
        return links.revokeUnitCode(LinkRequests.revokedToken(request));
    }

    @Funq
    public FormDescription getForm(Map<String, String> request) {
        return links.describeForm(LinkRequests.formToken(request));
    }
}
