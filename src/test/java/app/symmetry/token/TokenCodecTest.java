package app.symmetry.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import app.symmetry.error.SymmetryException;
import app.symmetry.testing.ReliabilityCounters;

/** The token format, its one spelling, its versions, and the key device hashes are made with. */
class TokenCodecTest {

    static final String SECRET_B64 = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=";
    static final byte[] SECRET = Base64.getDecoder().decode(SECRET_B64);
    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final Instant LATER = Instant.parse("2027-01-01T00:00:00Z");

    final TokenCodec codec = new TokenCodec(new SigningKeys(Optional.of("a:" + SECRET_B64), Optional.empty()));

    /**
     * An attacker respells a token's base64 (other unused low bits in the last character, padding added):
     * Java's decoder reads the same bytes, so a lenient check would take it as the same signed token
     * under another text, past anything matching on the text. Only the canonical spelling verifies.
     */
    @Test
    void anAttackerWhoRespellsATokensBase64IsRefused() {
        String token = codec.encode(new TokenClaims(true, Audience.PULSE, "paris-opera", "link-1", Optional.of(LATER)));
        assertThat(codec.verify(token, NOW, "token").id()).isEqualTo("link-1");
        String[] parts = token.split("\\.");
        String mac = parts[2];
        assertThat(mac).hasSize(22); // 16 bytes: the last character carries 4 unused bits
        String respelled = mac.substring(0, 21) + nextSpelling(mac.charAt(21));
        assertThat(Base64.getUrlDecoder().decode(respelled))
                .as("the lenient decoder reads the respelled MAC as the same bytes")
                .isEqualTo(Base64.getUrlDecoder().decode(mac));
        for (String forged : new String[] {
            parts[0] + "." + parts[1] + "." + respelled,
            parts[0] + "." + parts[1] + "." + mac + "==",
            parts[0] + "." + parts[1] + "=." + mac,
        }) {
            assertThatThrownBy(() -> codec.verify(forged, NOW, "token"))
                    .as(forged)
                    .isInstanceOfSatisfying(
                            SymmetryException.class,
                            e -> assertThat(e.code().wireName()).isEqualTo("invalid_token"));
        }
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    /** The character of the same leading bits with the next unused low bits: decodes to the same last byte. */
    private static char nextSpelling(char c) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int v = alphabet.indexOf(c);
        return alphabet.charAt((v & ~0x0f) | ((v + 1) & 0x0f));
    }

    @Test
    void aLinkCarriesItsBatchAndCampaign() {
        TokenClaims claims = new TokenClaims(
                true,
                Audience.PULSE,
                "paris-opera",
                "c1~r1",
                Optional.of(LATER),
                Optional.of("batch-0000000001"),
                Optional.of("campaign00000001"));
        assertThat(codec.verify(codec.encode(claims), NOW, "token")).isEqualTo(claims);
        TokenClaims code = new TokenClaims(false, Audience.CUSTOMER, "paris-opera", "code-1", Optional.empty());
        assertThat(codec.verify(codec.encode(code), NOW, "token")).isEqualTo(code);
    }

    /** Version 1 tokens (posters already printed, links already mailed) still verify, with no batch and no campaign. */
    @Test
    void aVersionOneTokenStillVerifiesWithNoBatch() throws Exception {
        String payload = "1|l|c|paris-opera|old-link|" + LATER.getEpochSecond();
        String signed =
                "a." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] tag = Arrays.copyOf(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)), 16);
        String token = signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        TokenClaims claims = codec.verify(token, NOW, "token");
        assertThat(claims.id()).isEqualTo("old-link");
        assertThat(claims.singleUse()).isTrue();
        assertThat(claims.batchId()).isEmpty();
        assertThat(claims.campaignId()).isEmpty();
        // a version 1 payload with the fields of version 2 is neither
        String mixed = "1|l|c|paris-opera|old-link|" + LATER.getEpochSecond() + "|b|c";
        String signedMixed =
                "a." + Base64.getUrlEncoder().withoutPadding().encodeToString(mixed.getBytes(StandardCharsets.UTF_8));
        String forged = signedMixed + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(Arrays.copyOf(mac.doFinal(signedMixed.getBytes(StandardCharsets.UTF_8)), 16));
        assertThatThrownBy(() -> codec.verify(forged, NOW, "token")).isInstanceOf(SymmetryException.class);
    }

    /**
     * Device hashes are stored (the per-device cap); were they MACs under the token key, the table would
     * hold chosen-input MACs of the key that signs every link. They are made with a key derived for that
     * purpose only (HKDF), which a token never meets.
     */
    @Test
    void aDeviceHashIsNeverAMacUnderTheTokenKey() throws Exception {
        String input = "device|2026-11-29\u0000198.51.100.7|Mozilla/5.0";
        byte[] hash = codec.deviceHash("device|2026-11-29", "198.51.100.7|Mozilla/5.0");
        assertThat(hash).isNotEqualTo(truncatedMac(SECRET, input));
        byte[] derived = Hkdf.derive(
                SECRET,
                "symmetry/hkdf".getBytes(StandardCharsets.US_ASCII),
                "symmetry device hash v1".getBytes(StandardCharsets.US_ASCII),
                32);
        assertThat(derived).isNotEqualTo(SECRET);
        assertThat(hash).isEqualTo(truncatedMac(derived, input));
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    /** RFC 5869, appendix A, test cases 1 and 3 (HMAC-SHA256): the derivation is HKDF, not something like it. */
    @Test
    void theDerivationIsHkdfAsRfc5869Defines() {
        HexFormat hex = HexFormat.of();
        byte[] ikm = hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        assertThat(hex.formatHex(Hkdf.derive(
                        ikm, hex.parseHex("000102030405060708090a0b0c"), hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42)))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
        assertThat(hex.formatHex(Hkdf.derive(ikm, new byte[0], new byte[0], 42)))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    void aKeySecretInANonCanonicalSpellingIsRefused() {
        // the same 32 bytes, with the padding dropped
        assertThatThrownBy(() -> new SigningKeys(Optional.of("a:" + SECRET_B64.replace("=", "")), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("canonical");
    }

    private static byte[] truncatedMac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Arrays.copyOf(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)), 16);
    }
}
