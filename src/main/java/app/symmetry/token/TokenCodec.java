package app.symmetry.token;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;

/**
 * Where a token is made and checked. A token is {@code kid.payload.mac}, URL-safe base64 without
 * padding, short enough for a QR code. The payload is
 * {@code 2|c or l|audience|unitId|id|expiry epoch seconds or 0|batchId|campaignId} (the last two empty
 * when there is none), the MAC a 128-bit truncated HMAC-SHA256 of {@code kid.payload}. Version 1
 * payloads ({@code 1|…|expiry}, signed before batches and campaigns had a place) still verify, with
 * neither: unit codes of version 1 are on printed posters, and version 1 links expire on their own
 * (within 366 days). Checking needs no database read; only revocation and the spending of links do,
 * and those are the callers' business.
 * <p>
 * Base64 is read in its canonical spelling only ({@link CanonicalBase64}): one token has one spelling.
 */
@Singleton
public class TokenCodec {

    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String VERSION = "2";
    private static final String VERSION_1 = "1";
    public static final int MAX_TOKEN_LENGTH = 512;

    private final SigningKeys keys;

    public TokenCodec(SigningKeys keys) {
        this.keys = keys;
    }

    public String encode(TokenClaims claims) {
        String payload = String.join(
                "|",
                VERSION,
                claims.singleUse() ? "l" : "c",
                String.valueOf(claims.audience().mark()),
                field(claims.unitId()),
                field(claims.id()),
                String.valueOf(claims.expiresAt().map(Instant::getEpochSecond).orElse(0L)),
                field(claims.batchId().orElse("")),
                field(claims.campaignId().orElse("")));
        KeyRing ring = keys.current();
        String kid = ring.activeKeyId();
        String signed = kid + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signed + "." + B64.encodeToString(mac(ring.secret(kid), signed));
    }

    private static String field(String value) {
        if (value.indexOf('|') >= 0) {
            throw new IllegalArgumentException("a token field cannot hold '|': " + value);
        }
        return value;
    }

    /**
     * The claims of a token whose signature verifies and which has not expired at {@code now}.
     *
     * @param field the request field the token came in, for the error
     */
    public TokenClaims verify(String token, Instant now, String field) {
        TokenClaims claims = decode(token, field);
        if (claims.expiresAt().isPresent() && !now.isBefore(claims.expiresAt().get())) {
            throw new SymmetryException(
                    ErrorCode.LINK_EXPIRED,
                    field,
                    claims.singleUse() ? "this link has expired" : "this code has expired");
        }
        return claims;
    }

    private TokenClaims decode(String token, String field) {
        return verifiedPayload(token)
                .flatMap(TokenCodec::claims)
                .orElseThrow(() -> new SymmetryException(ErrorCode.INVALID_TOKEN, field, "the token does not verify"));
    }

    /** The payload of a token whose MAC verifies under the key it names; empty for anything else. */
    private Optional<String> verifiedPayload(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        byte[] secret = keys.current().secret(parts[0]);
        if (secret == null) {
            return Optional.empty();
        }
        byte[] expected = mac(secret, parts[0] + "." + parts[1]);
        Optional<byte[]> given = CanonicalBase64.urlDecode(parts[2]);
        Optional<byte[]> payload = CanonicalBase64.urlDecode(parts[1]);
        if (given.isEmpty() || payload.isEmpty() || !MessageDigest.isEqual(expected, given.get())) {
            return Optional.empty();
        }
        return Optional.of(new String(payload.get(), StandardCharsets.UTF_8));
    }

    /** The claims of a verified payload; empty when it is not of a shape {@link #encode} writes or wrote. */
    private static Optional<TokenClaims> claims(String payload) {
        String[] fields = payload.split("\\|", -1);
        boolean v1 = fields.length == 6 && VERSION_1.equals(fields[0]);
        boolean v2 = fields.length == 8 && VERSION.equals(fields[0]);
        if (!(v1 || v2) || fields[2].length() != 1) {
            return Optional.empty();
        }
        Audience audience = Audience.ofMark(fields[2].charAt(0));
        if (audience == null || !(fields[1].equals("c") || fields[1].equals("l"))) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(fields[5]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new TokenClaims(
                fields[1].equals("l"),
                audience,
                fields[3],
                fields[4],
                expiry == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expiry)),
                v2 ? present(fields[6]) : Optional.empty(),
                v2 ? present(fields[7]) : Optional.empty()));
    }

    private static Optional<String> present(String field) {
        return field.isEmpty() ? Optional.empty() : Optional.of(field);
    }

    /**
     * A keyed one-way hash of a device (address and browser), for values that must be matched but never
     * read back. Keyed with a key derived for this purpose only ({@link KeyRing#deviceHashKey}), never
     * with the token key: a device hash is stored, and nothing stored is ever a MAC under the key that
     * signs tokens.
     */
    public byte[] deviceHash(String purpose, String value) {
        return mac(keys.current().deviceHashKey(), purpose + "\u0000" + value);
    }

    /**
     * HMAC-SHA256 of {@code value} under a key of its own for {@code purpose}, derived from the active
     * signing key (HMAC of the purpose under it): a hash made for one purpose matches nothing made for
     * another, and none can be computed without the signing key. A key rotation changes every such hash.
     */
    public String purposeHash(String purpose, String value) {
        byte[] derived = fullMac(keys.secret(keys.activeKeyId()), "purpose-key\u0000" + purpose);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fullMac(derived, value));
    }

    private static byte[] fullMac(byte[] secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mac(byte[] secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
