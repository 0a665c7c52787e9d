package app.symmetry.access;

/**
 * How a Lambda authorizer refuses: API Gateway answers {@code 401} when the function's error message
 * is exactly {@code Unauthorized} (the Lambda binding reports {@link #toString()}), and the
 * gateway's {@code UNAUTHORIZED} response writes the contract's {@code unauthenticated} body.
 */
public class Unauthorized extends RuntimeException {

    public Unauthorized() {
        super("Unauthorized", null, false, false);
    }

    @Override
    public String toString() {
        return "Unauthorized";
    }
}
