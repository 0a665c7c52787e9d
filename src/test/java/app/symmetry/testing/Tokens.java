package app.symmetry.testing;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import app.symmetry.campaign.PulseCampaigns;
import app.symmetry.token.Audience;
import app.symmetry.token.SigningKeys;
import app.symmetry.token.TokenClaims;
import app.symmetry.token.TokenCodec;

/** Tokens a manager could not get from the API: expired ones, ones for units that do not exist. */
@ApplicationScoped
public class Tokens {

    private final TokenCodec codec;

    @Inject
    public Tokens(TokenCodec codec) {
        this.codec = codec;
    }

    /**
     * Signed with the keys of the test configuration, without the application's beans: what a test of
     * the packaged function (another process) uses.
     */
    public static Tokens fromTestConfig() {
        Config config = ConfigProvider.getConfig();
        return new Tokens(new TokenCodec(new SigningKeys(
                config.getOptionalValue("symmetry.token.keys", String.class),
                config.getOptionalValue("symmetry.token.active-key", String.class))));
    }

    public String code(Audience audience, String unitId) {
        return codec.encode(
                new TokenClaims(false, audience, unitId, UUID.randomUUID().toString(), Optional.empty()));
    }

    /** What a token the functions issued says, checked with the test configuration's keys (expiry aside). */
    public TokenClaims verify(String token) {
        return codec.verify(token, Instant.EPOCH, "token");
    }

    /** A pulse unit code of a campaign, as issueUnitCode signs it. */
    public String pulseCode(String unitId, String campaignId, Instant expiresAt) {
        return codec.encode(
                new TokenClaims(false, Audience.PULSE, unitId, credentialId(campaignId), Optional.of(expiresAt)));
    }

    /** A one-time pulse link of a campaign, as issueLinks signs it. */
    public String pulseLink(String unitId, String campaignId, Instant expiresAt) {
        return codec.encode(
                new TokenClaims(true, Audience.PULSE, unitId, credentialId(campaignId), Optional.of(expiresAt)));
    }

    private static String credentialId(String campaignId) {
        return PulseCampaigns.credentialId(campaignId, UUID.randomUUID().toString());
    }

    public String link(Audience audience, String unitId, Instant expiresAt) {
        return codec.encode(
                new TokenClaims(true, audience, unitId, UUID.randomUUID().toString(), Optional.of(expiresAt)));
    }
}
