package app.symmetry.local;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

import app.symmetry.domain.DeviceOrigin;
import app.symmetry.function.request.DeviceOrigins;

/** Over the local HTTP binding, the device is the HTTP client itself, as API Gateway would see it. */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalDeviceOrigins extends DeviceOrigins {

    private final Instance<CurrentVertxRequest> request;

    public LocalDeviceOrigins(Instance<CurrentVertxRequest> request) {
        this.request = request;
    }

    @Override
    public Optional<DeviceOrigin> current() {
        RoutingContext ctx = request.get().getCurrent();
        if (ctx == null || ctx.request().remoteAddress() == null) {
            return Optional.empty();
        }
        String agent = ctx.request().getHeader("User-Agent");
        return Optional.of(new DeviceOrigin(ctx.request().remoteAddress().host(), agent == null ? "" : agent));
    }
}
