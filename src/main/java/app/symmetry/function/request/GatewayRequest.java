package app.symmetry.function.request;

import java.util.Map;
import java.util.Optional;

import app.symmetry.domain.DeviceOrigin;

/**
 * A public answer as it reaches the function. On AWS, API Gateway's request template wraps the
 * client's body with what only the gateway knows: {@code {"body": {…}, "origin": {"sourceIp",
 * "userAgent"}}}. Locally the HTTP binding hands the bare body, and the origin comes from the local
 * request (see {@link DeviceOrigins}). A bare body is also what a direct invocation sends.
 */
public record GatewayRequest(Map<String, ?> body, Optional<DeviceOrigin> origin) {

    public static GatewayRequest of(Map<String, ?> event, DeviceOrigins origins) {
        Optional<DeviceOrigin> local = origins.current();
        if (local.isPresent() || event == null || !isEnvelope(event)) {
            // Over the local HTTP binding the envelope is refused as unknown fields: only the gateway makes one.
            return new GatewayRequest(event, local);
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> body = (Map<String, ?>) event.get("body");
        Map<?, ?> origin = (Map<?, ?>) event.get("origin");
        Object ip = origin.get("sourceIp");
        Object agent = origin.get("userAgent");
        Optional<DeviceOrigin> device = ip instanceof String sourceIp && !sourceIp.isBlank()
                ? Optional.of(new DeviceOrigin(sourceIp, agent instanceof String ua ? ua : ""))
                : Optional.empty();
        return new GatewayRequest(body, device);
    }

    private static boolean isEnvelope(Map<String, ?> event) {
        return event.size() == 2 && event.get("body") instanceof Map && event.get("origin") instanceof Map;
    }
}
