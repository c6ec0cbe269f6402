package io.cortexsync.testkit.qdrant;

import java.util.UUID;

/**
 * Parses UUID text as strictly as Qdrant does: simple (32 hex digits), hyphenated, braced or
 * {@code urn:uuid:} forms. {@link UUID#fromString} is too lenient ("1-1-1-1-1" passes).
 */
final class UuidText {

    private static final String URN_PREFIX = "urn:uuid:";

    private UuidText() {}

    /** Returns the UUID, or null when the text is not one. */
    static UUID parse(String text) {
        String hyphenated = text;
        if (text.length() == 45 && text.startsWith(URN_PREFIX)) {
            hyphenated = text.substring(URN_PREFIX.length());
        } else if (text.length() == 38 && text.charAt(0) == '{' && text.charAt(37) == '}') {
            hyphenated = text.substring(1, 37);
        }
        String hex;
        if (hyphenated.length() == 32) {
            hex = hyphenated;
        } else if (hyphenated.length() == 36 && hyphensInPlace(hyphenated)) {
            hex = hyphenated.replace("-", "");
        } else {
            return null;
        }
        if (hex.length() != 32) {
            return null;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 32; i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                return null;
            }
            if (i < 16) {
                high = (high << 4) | digit;
            } else {
                low = (low << 4) | digit;
            }
        }
        return new UUID(high, low);
    }

    private static boolean hyphensInPlace(String s) {
        return s.charAt(8) == '-' && s.charAt(13) == '-' && s.charAt(18) == '-' && s.charAt(23) == '-';
    }
}
