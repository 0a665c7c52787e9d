package app.symmetry.indicator;

/** A two-sided interval, lower bound first. */
public record ConfidenceInterval(double lower, double upper) {

    public ConfidenceInterval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("lower " + lower + " is above upper " + upper);
        }
    }
}
