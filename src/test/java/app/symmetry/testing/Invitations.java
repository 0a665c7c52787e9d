package app.symmetry.testing;

import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.symmetry.testing.SesEmulator.SentMail;

/**
 * Invitations as their recipients get them: sent through {@code sendInvitations}, read from the SES
 * emulator's mailbox. Pulse links exist no other way.
 */
public final class Invitations {

    private static final Pattern LINK = Pattern.compile("(https?://\\S+/form/#t=([A-Za-z0-9_.-]+))");

    private Invitations() {}

    /** Addresses nobody else uses in this test run. */
    public static List<String> freshAddresses(int count) {
        List<String> addresses = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < count; i++) {
            addresses.add("person" + i + "-" + run + "@example.test");
        }
        return addresses;
    }

    /** Sends the invitations with {@code key}; the batch id. */
    public static String send(URL base, String key, Map<String, Object> body) {
        return Api.withKey(base, key)
                .body(body)
                .post("/sendInvitations")
                .then()
                .statusCode(200)
                .extract()
                .path("batchId");
    }

    /** The e-mail each address got, once it has (waits for the sender). */
    public static List<SentMail> awaitMail(List<String> addresses) {
        SesEmulator ses = SesEmulator.ofApplication();
        List<SentMail> mails = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    List<SentMail> box = ses.mailbox();
                    mails.clear();
                    for (String a : addresses) {
                        box.stream().filter(m -> m.to().contains(a)).findFirst().ifPresent(mails::add);
                    }
                    return mails.size() == addresses.size();
                });
        return mails;
    }

    /** {@code count} single-use pulse tokens of a campaign, as {@code count} employees get them by e-mail. */
    public static List<String> pulseTokens(URL base, String key, String unitId, String campaignId, int count) {
        List<String> addresses = freshAddresses(count);
        send(base, key, Map.of("unitId", unitId, "kind", "pulse", "campaignId", campaignId, "emails", addresses));
        return awaitMail(addresses).stream().map(Invitations::token).toList();
    }

    /** Pulse links as their employees get them, and when they expire. */
    public record PulseLinks(List<String> tokens, String expiresAt) {}

    /**
     * {@code count} pulse links sent by e-mail with the request an {@code issueLinks} would have taken
     * ({@link Campaigns#credential}: unit, kind, campaign, expiresInDays; its count, if any, ignored).
     */
    public static PulseLinks pulse(URL base, String key, Map<String, Object> credential, int count) {
        List<String> addresses = freshAddresses(count);
        Map<String, Object> body = new LinkedHashMap<>(credential);
        body.remove("count");
        body.put("emails", addresses);
        String expiresAt = Api.withKey(base, key)
                .body(body)
                .post("/sendInvitations")
                .then()
                .statusCode(200)
                .extract()
                .path("linksExpireAt");
        List<String> tokens =
                awaitMail(addresses).stream().map(Invitations::token).toList();
        return new PulseLinks(tokens, expiresAt);
    }

    /** The form link in an e-mail's plain-text part. */
    public static String link(SentMail mail) {
        Matcher m = LINK.matcher(mail.text());
        if (!m.find()) {
            throw new AssertionError("no form link in the e-mail: " + mail.subject());
        }
        return m.group(1);
    }

    public static String token(SentMail mail) {
        Matcher m = LINK.matcher(mail.text());
        if (!m.find()) {
            throw new AssertionError("no form link in the e-mail: " + mail.subject());
        }
        return m.group(2);
    }
}
