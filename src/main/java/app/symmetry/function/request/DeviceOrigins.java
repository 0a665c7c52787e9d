package app.symmetry.function.request;

import java.util.Optional;

import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

import app.symmetry.domain.DeviceOrigin;

/**
 * The origin of the request being served, when the binding knows it without the gateway's envelope.
 * Through the Lambda binding it never does; the local HTTP run replaces this bean.
 */
@DefaultBean
@Singleton
public class DeviceOrigins {

    public Optional<DeviceOrigin> current() {
        return Optional.empty();
    }
}
