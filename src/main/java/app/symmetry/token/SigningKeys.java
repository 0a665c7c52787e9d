package app.symmetry.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import app.symmetry.SymmetryConfig;

/**
 * The HMAC keys, by key id. New tokens are signed with the active key; tokens signed with any key
 * still listed verify, so keys rotate by adding a new key, making it active, and dropping the old
 * one once its tokens may go (dropping a key revokes everything it signed).
 * <p>
 * {@code symmetry.token.keys} is {@code kid:base64secret,kid2:base64secret2}; on AWS it comes from
 * the deployment's secret parameter.
 */
@Singleton
public class SigningKeys {

    private final Map<String, byte[]> keys;
    private final String activeKeyId;

    @Inject
    public SigningKeys(SymmetryConfig config) {
        this(config.tokenKeys(), config.activeKey());
    }

    public SigningKeys(Optional<String> keys, Optional<String> activeKeyId) {
        this.keys = parse(keys.orElse(""));
        this.activeKeyId = activeKeyId
                .filter(k -> !k.isBlank())
                .orElseGet(() -> this.keys.isEmpty()
                        ? null
                        : this.keys.keySet().iterator().next());
        if (this.activeKeyId != null && !this.keys.containsKey(this.activeKeyId)) {
            throw new IllegalStateException(
                    "symmetry.token.active-key " + this.activeKeyId + " is not in symmetry.token.keys");
        }
    }

    public String activeKeyId() {
        if (activeKeyId == null) {
            throw new IllegalStateException("symmetry.token.keys is not set: no key to sign with");
        }
        return activeKeyId;
    }

    public byte[] secret(String keyId) {
        return keys.get(keyId);
    }

    static Map<String, byte[]> parse(String spec) {
        Map<String, byte[]> parsed = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalStateException("symmetry.token.keys entries are kid:base64secret");
            }
            String kid = trimmed.substring(0, colon);
            if (!kid.matches("[A-Za-z0-9_-]{1,16}")) {
                throw new IllegalStateException("a key id is 1 to 16 letters, digits, - or _: " + kid);
            }
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(trimmed.substring(colon + 1).getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the secret of key " + kid + " is not base64");
            }
            if (secret.length < 32) {
                throw new IllegalStateException("the secret of key " + kid + " must be at least 32 bytes");
            }
            parsed.put(kid, secret);
        }
        return Map.copyOf(parsed);
    }
}
