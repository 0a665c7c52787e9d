package app.symmetry.testing;

import static io.restassured.RestAssured.given;

import java.net.URL;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Calls over the local HTTP binding, as a browser or an API client would. */
public final class Api {

    public static final String KEY = "test-api-key";

    private Api() {}

    /** A public call: no credentials. */
    public static RequestSpecification anonymous(URL base) {
        return given().baseUri(base.toString()).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A protected call with a key of some role (see {@code createApiKey}). */
    public static RequestSpecification withKey(URL base, String key) {
        return anonymous(base).header("x-api-key", key);
    }

    /** A protected call with the local run's admin key. */
    public static RequestSpecification manager(URL base) {
        return anonymous(base).header("x-api-key", KEY);
    }
}
