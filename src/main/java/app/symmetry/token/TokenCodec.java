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
 * padding, short enough for a QR code: the payload is
 * {@code 1|c or l|audience|unitId|id|expiry epoch seconds or 0}, the MAC a 128-bit truncated
 * HMAC-SHA256 of {@code kid.payload}. Checking needs no database read; only revocation of
 * long-lived codes and spending of links do, and those are the callers' business.
 */
@Singleton
public class TokenCodec {

    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    public static final int MAX_TOKEN_LENGTH = 512;

    private final SigningKeys keys;

    public TokenCodec(SigningKeys keys) {
        this.keys = keys;
    }

    public String encode(TokenClaims claims) {
        String payload = String.join(
                "|",
                "1",
                claims.singleUse() ? "l" : "c",
                String.valueOf(claims.audience().mark()),
                claims.unitId(),
                claims.id(),
                String.valueOf(claims.expiresAt().map(Instant::getEpochSecond).orElse(0L)));
        String kid = keys.activeKeyId();
        String signed = kid + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signed + "." + B64.encodeToString(mac(keys.secret(kid), signed));
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
        byte[] secret = keys.secret(parts[0]);
        if (secret == null) {
            return Optional.empty();
        }
        byte[] expected = mac(secret, parts[0] + "." + parts[1]);
        try {
            byte[] given = B64D.decode(parts[2]);
            String payload = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8);
            return MessageDigest.isEqual(expected, given) ? Optional.of(payload) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The claims of a verified payload; empty when it is not of the shape {@link #encode} writes. */
    private static Optional<TokenClaims> claims(String payload) {
        String[] fields = payload.split("\\|", -1);
        if (fields.length != 6 || !"1".equals(fields[0]) || fields[2].length() != 1) {
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
                expiry == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expiry))));
    }

    /** A keyed one-way hash under the active key, for values that must be matched but never read back. */
    public byte[] keyedHash(String purpose, String value) {
        return mac(keys.secret(keys.activeKeyId()), purpose + "\u0000" + value);
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
