package app.symmetry.testing;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Invokes the exported function through Quarkus' Lambda mock event server, as the Lambda runtime
 * would: the event in, the function's result (or its function error) out. In a packaged-function test
 * ({@link PackagedFunction}) the event goes to function.zip started as Lambda starts it.
 */
public final class LambdaClient {

    private LambdaClient() {}

    public static ValidatableResponse invoke(Object event) {
        int port = port();
        return given().port(port)
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON)
                .body(event)
                .when()
                .post("/")
                .then();
    }

    /** The function error an event must end in: its message, which carries the contract's error. */
    public static String functionError(Object event) {
        return invoke(event).statusCode(500).extract().path("errorMessage");
    }

    public static ValidatableResponse invokeRaw(String body) {
        int port = port();
        return given().port(port)
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON)
                .body(body)
                .when()
                .post("/")
                .then();
    }

    private static int port() {
        restAssuredDefaults();
        Integer packaged = Integer.getInteger(PackagedFunction.PORT);
        return packaged != null
                ? packaged
                : ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
    }

    /** Rest-assured's defaults, which a packaged-function test may lack: given() refuses to start without them. */
    static void restAssuredDefaults() {
        if (RestAssured.baseURI == null || RestAssured.basePath == null || RestAssured.port <= 0) {
            // a packaged-function test: Quarkus found no HTTP server in the artifact and left rest-assured without one
            RestAssured.baseURI = "http://localhost";
            RestAssured.basePath = "";
            RestAssured.port = RestAssured.DEFAULT_PORT;
        }
    }
}
