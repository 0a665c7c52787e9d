package app.symmetry.testing;

import static io.restassured.RestAssured.given;

import java.net.URL;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A function other than the one a Lambda-binding test exports, called to place what only it writes
 * (answers, snapshots) in a test that runs both as a {@code @QuarkusTest} and against the packaged
 * function: over the HTTP binding with the admin key in the first, and in the second through the
 * packaged artifact started again exporting that function ({@link PackagedFunction#companionPort}),
 * as its own Lambda. Either way the real function writes; only success is compared across them (the
 * two bindings shape errors differently).
 */
public final class OtherFunctions {

    private OtherFunctions() {}

    /** {@code base}: the test's HTTP binding, unused against the packaged function. */
    public static ValidatableResponse call(URL base, String function, Object body) {
        if (Integer.getInteger(PackagedFunction.PORT) == null) {
            // each call from a phone of its own: a fixture's answers are not one device over its daily cap
            return Api.manager(base)
                    .header("User-Agent", "fixture-" + UUID.randomUUID())
                    .body(body)
                    .post("/" + function)
                    .then();
        }
        int port;
        try {
            port = PackagedFunction.companionPort(function);
        } catch (Exception e) {
            throw new IllegalStateException("could not start " + function + " from the packaged artifact", e);
        }
        LambdaClient.restAssuredDefaults();
        return given().port(port)
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON)
                .body(body)
                .when()
                .post("/")
                .then();
    }
}
