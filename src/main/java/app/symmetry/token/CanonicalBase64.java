package app.symmetry.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Base64 read in its canonical spelling only. Java's decoders accept more than one spelling of the
 * same bytes (padding or none, and any value in the unused low bits of the last character), so a
 * token could be respelled and still verify: a spent-link or revocation record keyed on the text, a
 * cache or a log matching on it, would then see two tokens where there is one. A value is accepted
 * only if encoding its bytes gives back exactly the text received.
 */
final class CanonicalBase64 {

    private CanonicalBase64() {}

    /** URL-safe alphabet, no padding: the spelling tokens are written in. */
    static Optional<byte[]> urlDecode(String text) {
        return decode(text, Base64.getUrlDecoder(), Base64.getUrlEncoder().withoutPadding());
    }

    /** Standard alphabet, with padding: the spelling of key secrets. */
    static Optional<byte[]> decode(String text) {
        return decode(text, Base64.getDecoder(), Base64.getEncoder());
    }

    private static Optional<byte[]> decode(String text, Base64.Decoder decoder, Base64.Encoder encoder) {
        if (text == null) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = decoder.decode(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] again = encoder.encode(bytes);
        return Arrays.equals(again, text.getBytes(StandardCharsets.US_ASCII)) ? Optional.of(bytes) : Optional.empty();
    }
}
