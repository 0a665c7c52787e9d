package app.symmetry.testing;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Invokes the exported function through Quarkus' Lambda mock event server, as the Lambda runtime
 * would: the event in, the function's result (or its function error) out. In a packaged-function test
 * ({@link PackagedFunction}) the event goes to function.zip started as Lambda starts it.
 */
public final class LambdaClient {

    private LambdaClient() {
    }

    public static ValidatableResponse invoke(Object event) {
        return given().baseUri("http://localhost").port(port()).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(event).when().post("/").then();
    }

    public static ValidatableResponse invokeRaw(String body) {
        return given().baseUri("http://localhost").port(port()).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(body).when().post("/").then();
    }

    private static int port() {
        Integer packaged = Integer.getInteger(PackagedFunction.PORT);
        return packaged != null ? packaged
                : ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
    }
}
