package app.symmetry.local;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

import app.symmetry.access.BindingCredentials;

/** Over the local HTTP binding, the key is the request's {@code x-api-key} header, as {@link LocalGateway} found it. */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalBindingCredentials extends BindingCredentials {

    private final Instance<CurrentVertxRequest> request;

    public LocalBindingCredentials(Instance<CurrentVertxRequest> request) {
        this.request = request;
    }

    @Override
    public Optional<Presented> current() {
        RoutingContext ctx = request.get().getCurrent();
        if (ctx == null) {
            return Optional.empty(); // the Lambda binding: the gateway's envelope, or a direct invocation
        }
        Presented presented = ctx.get(LocalGateway.PRESENTED);
        return Optional.of(presented == null ? new Presented("", false) : presented);
    }
}
