package app.symmetry.function;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;

import io.quarkus.funqy.Funq;

import app.symmetry.access.Access;
import app.symmetry.access.Role;
import app.symmetry.followup.ErasedContact;
import app.symmetry.followup.FollowUpNotifier;
import app.symmetry.followup.FollowUpPage;
import app.symmetry.followup.FollowUpView;
import app.symmetry.followup.FollowUps;
import app.symmetry.function.request.FollowUpRequests;
import app.symmetry.storage.SymmetryTable;

/** A unit's follow-ups: read and moved on by in-scope viewers and admins; an address erased by admins. */
public class FollowUpFunctions {

    private final Access access;
    private final FollowUps followUps;
    private final FollowUpNotifier notifier;

    public FollowUpFunctions(Access access, FollowUps followUps, FollowUpNotifier notifier) {
        this.access = access;
        this.followUps = followUps;
        this.notifier = notifier;
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

    /**
     * DynamoDB Streams' event source mapping calls this with each new item its filter lets through (a
     * follow-up's notice); Funqy hands one record at a time and reports the ones that threw as the
     * batch's failures, for the mapping to retry, bisect and finally send to the dead-letter queue.
     * No API route leads here.
     */
    @Funq
    public void notifyFollowUp(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, AttributeValue> keys = record == null || record.getDynamodb() == null
                ? null
                : record.getDynamodb().getKeys();
        if (keys == null || !keys.containsKey("pk") || !keys.containsKey("sk")) {
            return;
        }
        SymmetryTable.noticeOf(keys.get("pk").getS(), keys.get("sk").getS()).ifPresent(notifier::notify);
    }

    @Funq
    public ErasedContact eraseContact(Map<String, Object> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN);
        return followUps.eraseContact(in.caller(), FollowUpRequests.erasedFollowUpId(in.body()));
    }
}
