package app.symmetry.token;

import java.util.Locale;

/** Who a code or link is for: it decides which form and which side of the figures an answer feeds. */
public enum Audience {
    CUSTOMER('c'),
    PULSE('p');

    private final char mark;

    Audience(char mark) {
        this.mark = mark;
    }

    char mark() {
        return mark;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Audience ofMark(char mark) {
        for (Audience a : values()) {
            if (a.mark == mark) {
                return a;
            }
        }
        return null;
    }
}
