package app.symmetry.function;

import java.util.Map;

import io.quarkus.funqy.Funq;

import app.symmetry.access.Access;
import app.symmetry.access.Role;
import app.symmetry.answer.CommentListing;
import app.symmetry.answer.CommentPage;
import app.symmetry.answer.CustomerComments;
import app.symmetry.function.request.CommentRequests;

/** Customers' comments, read under the same roles and scopes as the figures (docs/access.md). */
public class CommentFunctions {

    private final CustomerComments comments;
    private final Access access;

    public CommentFunctions(CustomerComments comments, Access access) {
        this.comments = comments;
        this.access = access;
    }

    @Funq
    public CommentPage listComments(Map<String, String> query) {
        Access.Authorized in = access.authorize(query, Role.ADMIN, Role.VIEWER, Role.SERVICE);
        CommentListing wanted = CommentRequests.list(in.body());
        access.requireVisible(in.caller(), wanted.scope(), wanted.id());
        // A scoped key reads a region's or the organisation's comments of its own units only: a comment is
        // one customer's words about one store, not a total that anonymity publishes for everybody.
        return comments.list(wanted, unit -> access.sees(in.caller(), "unit", unit.id()));
    }
}
