package app.symmetry.token;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One reading of the signing keys: each key by its id, the one that signs, and the key device hashes
 * are made with, derived from the signing key for that purpose only.
 * <p>
 * The text is {@code kid:base64secret[,kid2:base64secret2…]} (each secret at least 32 bytes, standard
 * base64 in its canonical spelling); the first key signs unless {@code activeKeyId} names another.
 */
public final class KeyRing {

    private static final byte[] DEVICE_HASH_INFO = "symmetry device hash v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DEVICE_HASH_SALT = "symmetry/hkdf".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, byte[]> keys;
    private final String activeKeyId;
    private final byte[] deviceHashKey;

    private KeyRing(Map<String, byte[]> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
        this.deviceHashKey =
                activeKeyId == null ? null : Hkdf.derive(keys.get(activeKeyId), DEVICE_HASH_SALT, DEVICE_HASH_INFO, 32);
    }

    static KeyRing parse(String spec, Optional<String> activeKeyId) {
        Map<String, byte[]> parsed = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalStateException("signing keys are kid:base64secret[,kid2:base64secret2]");
            }
            String kid = trimmed.substring(0, colon);
            if (!kid.matches("[A-Za-z0-9_-]{1,16}")) {
                throw new IllegalStateException("a key id is 1 to 16 letters, digits, - or _: " + kid);
            }
            byte[] secret = CanonicalBase64.decode(trimmed.substring(colon + 1))
                    .orElseThrow(
                            () -> new IllegalStateException("the secret of key " + kid + " is not canonical base64"));
            if (secret.length < 32) {
                throw new IllegalStateException("the secret of key " + kid + " must be at least 32 bytes");
            }
            if (parsed.put(kid, secret) != null) {
                throw new IllegalStateException("key " + kid + " is listed twice");
            }
        }
        String active = activeKeyId
                .filter(k -> !k.isBlank())
                .orElseGet(() ->
                        parsed.isEmpty() ? null : parsed.keySet().iterator().next());
        if (active != null && !parsed.containsKey(active)) {
            throw new IllegalStateException("the active key " + active + " is not among the signing keys");
        }
        return new KeyRing(Map.copyOf(parsed), active);
    }

    public String activeKeyId() {
        if (activeKeyId == null) {
            throw new IllegalStateException("no signing key is configured: no key to sign with");
        }
        return activeKeyId;
    }

    /** The secret of a key id, or null for an id not (or no longer) listed. */
    public byte[] secret(String keyId) {
        return keys.get(keyId);
    }

    /** The key device hashes are made with: HKDF of the signing key, never the signing key itself. */
    byte[] deviceHashKey() {
        activeKeyId();
        return deviceHashKey;
    }
}
