package app.symmetry.token;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): a key for one purpose derived from another, so that a value hashed
 * under the derived key says nothing about the key it came from, and the two never meet in one MAC.
 */
final class Hkdf {

    private static final int HASH_BYTES = 32;

    private Hkdf() {}

    static byte[] derive(byte[] inputKey, byte[] salt, byte[] info, int length) {
        if (length <= 0 || length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF output length " + length);
        }
        byte[] pseudoRandomKey = hmac(salt.length == 0 ? new byte[HASH_BYTES] : salt, inputKey);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int written = 0;
        for (int i = 1; written < length; i++) {
            byte[] input = Arrays.copyOf(block, block.length + info.length + 1);
            System.arraycopy(info, 0, input, block.length, info.length);
            input[input.length - 1] = (byte) i;
            block = hmac(pseudoRandomKey, input);
            int n = Math.min(block.length, length - written);
            System.arraycopy(block, 0, out, written, n);
            written += n;
        }
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
