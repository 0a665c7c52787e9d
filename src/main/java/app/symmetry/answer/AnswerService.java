package app.symmetry.answer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import app.symmetry.SymmetryConfig;
import app.symmetry.campaign.PulseCampaigns;
import app.symmetry.domain.DeviceOrigin;
import app.symmetry.domain.FollowUp;
import app.symmetry.domain.Side;
import app.symmetry.domain.StoredAnswer;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.organisation.Unit;
import app.symmetry.storage.AnswerStore;
import app.symmetry.storage.AnswerWrite;
import app.symmetry.token.Audience;
import app.symmetry.token.TokenCheck;
import app.symmetry.token.TokenCodec;

/**
 * Takes a customer's or an employee's answer: checks its token, and stores it
 * once, with the records that keep it idempotent, single-use and within the device cap.
 */
@Singleton
public class AnswerService {

    private final TokenCheck tokens;
    private final TokenCodec codec;
    private final AnswerStore store;
    private final Clock clock;
    private final Duration customerRetention;
    private final Duration employeeRetention;
    private final Duration idempotencyWindow;
    private final int deviceDailyCap;

    public AnswerService(TokenCheck tokens, TokenCodec codec, AnswerStore store, Clock clock, SymmetryConfig config) {
        this.tokens = tokens;
        this.codec = codec;
        this.store = store;
        this.clock = clock;
        this.customerRetention = config.customerRetention();
        this.employeeRetention = config.employeeRetention();
        this.idempotencyWindow = config.idempotencyWindow();
        this.deviceDailyCap = config.deviceDailyCap();
    }

    public SubmissionReceipt submit(Audience audience, Submission submission, Optional<DeviceOrigin> origin) {
        Instant now = clock.instant();
        TokenCheck.Access access = tokens.check(submission.token(), audience, now, "token");
        Unit unit = access.unit();
        LocalDate day = LocalDate.ofInstant(now, unit.zone());
        String submissionId = submission.submissionId().toString();

        StoredAnswer answer = audience == Audience.CUSTOMER
                ? new StoredAnswer(
                        Side.CUSTOMER,
                        unit.id(),
                        day,
                        submissionId,
                        submission.recommend(),
                        submission.ratings(),
                        submission.comment(),
                        Optional.of(submission.language().orElse(unit.defaultLanguage())),
                        Optional.of(now),
                        now.plus(customerRetention))
                : new StoredAnswer(
                        Side.EMPLOYEE,
                        unit.id(),
                        day,
                        UUID.randomUUID().toString(),
                        submission.recommend(),
                        submission.ratings(),
                        // never an employee's words, whatever reached this far (AnswerRequests refuses them)
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        dayStart(day).plus(employeeRetention));

        Optional<AnswerWrite.SpentLink> spend = access.claims().singleUse()
                ? Optional.of(new AnswerWrite.SpentLink(
                        access.claims().id(), access.claims().expiresAt().orElse(now.plus(customerRetention))))
                : Optional.empty();
        // Single-use links limit themselves; the cap is for codes on a public wall.
        Optional<AnswerWrite.DeviceQuota> quota = access.claims().singleUse()
                ? Optional.empty()
                : origin.map(o -> new AnswerWrite.DeviceQuota(
                        deviceKey(o, day), deviceDailyCap, dayStart(day).plus(Duration.ofDays(2))));

        // A pulse answer counts against its campaign's headcount, in the same transaction.
        Optional<String> campaign = audience == Audience.PULSE
                ? PulseCampaigns.campaignOf(access.claims().id())
                : Optional.empty();
        if (audience == Audience.PULSE && campaign.isEmpty()) {
            throw new SymmetryException(
                    ErrorCode.INVALID_TOKEN, "token", "this pulse credential belongs to no campaign");
        }
        // Only a detractor who ticked the box is called back; any other address is not kept at all.
        Optional<AnswerWrite.NewFollowUp> followUp =
                audience == Audience.CUSTOMER && FollowUp.isFor(submission.recommend())
                        ? submission
                                .contact()
                                .filter(Contact::consent)
                                .map(Contact::email)
                                .map(email -> new AnswerWrite.NewFollowUp(
                                        unit.region(),
                                        email,
                                        now.plus(FollowUp.CONTACT_KEPT),
                                        unit.contactAddress().isPresent()))
                        : Optional.empty();
        AnswerWrite write = new AnswerWrite(
                answer, submissionId, dayStart(day).plus(idempotencyWindow), spend, quota, campaign, followUp);
        return switch (store.store(write)) {
            case ACCEPTED -> SubmissionReceipt.accepted(submissionId);
            case DUPLICATE -> SubmissionReceipt.duplicate(submissionId);
            case LINK_SPENT ->
                throw new SymmetryException(ErrorCode.LINK_SPENT, "token", "this link has already been answered");
            case RATE_LIMITED ->
                throw new SymmetryException(ErrorCode.RATE_LIMITED, null, "too many answers from this device today");
            case CAMPAIGN_FULL ->
                throw new SymmetryException(
                        ErrorCode.CAMPAIGN_FULL,
                        "token",
                        "this campaign has as many answers as its unit has employees");
        };
    }

    /** Salted with the day, so the same device cannot be followed from one day to the next. */
    private String deviceKey(DeviceOrigin origin, LocalDate day) {
        byte[] hash = codec.deviceHash("device|" + day, origin.sourceIp() + "|" + origin.userAgent());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    private static Instant dayStart(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
