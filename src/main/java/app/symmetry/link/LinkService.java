package app.symmetry.link;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import jakarta.inject.Singleton;


import app.symmetry.SymmetryConfig;
import app.symmetry.error.ErrorCode;
import app.symmetry.api.InputFields;
import app.symmetry.error.SymmetryException;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.storage.AnswerStore;
import app.symmetry.storage.RevokedCodeStore;
import app.symmetry.token.Audience;
import app.symmetry.token.TokenCheck;
import app.symmetry.token.TokenClaims;
import app.symmetry.token.TokenCodec;

/** Issues unit codes and single-use links, describes the form a token opens, and revokes codes. */
@Singleton
public class LinkService {

    public static final int MAX_LINKS = 1000;
    public static final List<String> ISSUE_LINKS_FIELDS = List.of("unitId", "kind", "count", "expiresInDays");
    public static final List<String> ISSUE_UNIT_CODE_FIELDS = List.of("unitId", "kind", "expiresInDays");
    public static final List<String> GET_FORM_FIELDS = List.of("token");
    public static final List<String> REVOKE_FIELDS = List.of("token");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> KINDS = Set.of("customer", "pulse");

    private final OrganisationDirectory directory;
    private final TokenCodec codec;
    private final TokenCheck check;
    private final AnswerStore answers;
    private final RevokedCodeStore revocations;
    private final Clock clock;
    private final String publicUrl;
    private final int pulseCampaignDays;

    public LinkService(OrganisationDirectory directory, TokenCodec codec, TokenCheck check, AnswerStore answers,
            RevokedCodeStore revocations, Clock clock, SymmetryConfig config) {
        this.directory = directory;
        this.codec = codec;
        this.check = check;
        this.answers = answers;
        this.revocations = revocations;
        this.clock = clock;
        String publicUrl = config.publicUrl();
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.pulseCampaignDays = config.pulseCampaignDays();
    }

    public IssuedLinks issueLinks(Map<String, ?> request) {
        InputFields in = InputFields.of(request, ISSUE_LINKS_FIELDS.toArray(String[]::new));
        Unit unit = directory.unit(in.requiredString("unitId", 128), "unitId");
        Audience audience = audience(in.requiredChoice("kind", KINDS));
        int count = in.optionalInt("count", 1, MAX_LINKS).orElse(1);
        int days = in.optionalInt("expiresInDays", 1, 366).orElse(30);
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(days));
        List<IssuedLinks.Link> links = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String token = codec.encode(new TokenClaims(true, audience, unit.id(), randomId(), Optional.of(expiresAt)));
            links.add(new IssuedLinks.Link(token, formUrl(token), expiresAt.toString()));
        }
        return new IssuedLinks(links);
    }

    public UnitCode issueUnitCode(Map<String, ?> request) {
        InputFields in = InputFields.of(request, ISSUE_UNIT_CODE_FIELDS.toArray(String[]::new));
        Unit unit = directory.unit(in.requiredString("unitId", 128), "unitId");
        Audience audience = audience(in.requiredChoice("kind", KINDS));
        OptionalInt days = in.optionalInt("expiresInDays", 1, 3660);
        // A pulse code belongs to one campaign; a customer code lives on its poster until revoked.
        Optional<Integer> lifetimeDays = days.isPresent() ? Optional.of(days.getAsInt())
                : audience == Audience.PULSE ? Optional.of(pulseCampaignDays) : Optional.empty();
        Optional<Instant> expiry = lifetimeDays.map(d -> clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(d)));
        return unitCode(new TokenClaims(false, audience, unit.id(), randomId(), expiry));
    }

    UnitCode unitCode(TokenClaims claims) {
        String token = codec.encode(claims);
        String url = formUrl(token);
        return new UnitCode(token, claims.id(), url, QrSvg.of(url), claims.expiresAt().map(Instant::toString).orElse(null));
    }

    public FormDescription describeForm(Map<String, ?> request) {
        InputFields in = InputFields.ofQuery(request, GET_FORM_FIELDS.toArray(String[]::new));
        TokenCheck.Access access = check.check(in.requiredString("token", TokenCodec.MAX_TOKEN_LENGTH), clock.instant(), "token");
        TokenClaims claims = access.claims();
        if (claims.singleUse() && answers.isSpent(claims.id())) {
            throw new SymmetryException(ErrorCode.LINK_SPENT, "token", "this link has already been answered");
        }
        Unit unit = access.unit();
        return new FormDescription(claims.audience().wireName(), new FormDescription.UnitRef(unit.id(), unit.name()),
                unit.languages(), claims.singleUse(), claims.expiresAt().map(Instant::toString).orElse(null),
                directory.questionnaire());
    }

    public RevokedCode revokeUnitCode(Map<String, ?> request) {
        InputFields in = InputFields.of(request, REVOKE_FIELDS.toArray(String[]::new));
        String token = in.requiredString("token", TokenCodec.MAX_TOKEN_LENGTH);
        // An expired code may still be revoked: revoking is never refused for lateness.
        TokenClaims claims = codec.verify(token, Instant.EPOCH, "token");
        if (claims.singleUse()) {
            throw in.invalid("token", "single-use links are not revoked one by one; they expire");
        }
        revocations.revoke(claims.id(), claims.unitId(), clock.instant());
        return new RevokedCode(claims.id(), claims.unitId(), true);
    }

    public String formUrl(String token) {
        // The token rides in the fragment: browsers never send it, so no server or CDN log keeps it.
        return publicUrl + "/form/#t=" + token;
    }

    private static Audience audience(String kind) {
        return "pulse".equals(kind) ? Audience.PULSE : Audience.CUSTOMER;
    }

    private static String randomId() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
