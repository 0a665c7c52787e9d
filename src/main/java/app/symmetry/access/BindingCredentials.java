package app.symmetry.access;

import java.util.Optional;

import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * What an HTTP binding knows of the caller of the request being served: the {@code x-api-key} header
 * as sent. Through the Lambda binding there is no header (API Gateway's authorizer has already read
 * it, see {@link Access}): empty. The local HTTP run replaces this bean.
 */
@DefaultBean
@Singleton
public class BindingCredentials {

    /** A key presented over HTTP ({@code ""} when the header is absent). */
    public record Presented(String apiKey, boolean localAdmin) {}

    public Optional<Presented> current() {
        return Optional.empty();
    }
}
