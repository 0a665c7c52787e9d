package app.symmetry.domain;

/** The two sides of the mirror. */
public enum Side {
    CUSTOMER('C'),
    EMPLOYEE('E');

    private final char mark;

    Side(char mark) {
        this.mark = mark;
    }

    public char mark() {
        return mark;
    }
}
