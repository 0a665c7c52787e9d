package app.symmetry.local;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.json.Json;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import app.symmetry.access.BindingCredentials;
import app.symmetry.error.ApiError;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;

/**
 * What API Gateway does in front of the functions on AWS, done on one machine: protected functions
 * need the {@code x-api-key} header, and a refusal becomes its HTTP status with the error JSON.
 * The functions themselves are served by Quarkus' Funqy HTTP binding at {@code /<name>}, and check
 * the key, its role and its scope themselves ({@link app.symmetry.access.Access}): the header is handed
 * to them through {@link LocalBindingCredentials}, as the authorizer's context is on AWS.
 * <p>
 * The local run listens on the LAN so that phones can open the forms ({@code %dev.quarkus.http.host}).
 * A client on another machine reaches only what a phone answering needs ({@link #forOtherMachines}):
 * the form pages, their assets and the answer functions. Everything else (the start page with its key,
 * the dashboard, posters, {@code links.csv}, every protected function even with a valid key, the OpenAPI
 * UI) is {@code 403 forbidden} to it: on a shop's Wi-Fi, a key seen over a shoulder or a guessed local
 * key must not mint links or read keys from a phone. The client's address is the socket's own (no
 * forwarding header is trusted: {@code quarkus.http.proxy} is left off).
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalGateway {

    private static final Logger LOG = Logger.getLogger(LocalGateway.class);

    /** Must match the API Gateway's API-key-protected paths in template.yaml. */
    public static final Set<String> PROTECTED = Set.of(
            "listUnits",
            "issueLinks",
            "issueUnitCode",
            "revokeUnitCode",
            "revokeLinkBatch",
            "aggregateSnapshots",
            "getSnapshot",
            "listSnapshots",
            "listComments",
            "createApiKey",
            "listApiKeys",
            "revokeApiKey",
            "startPulseCampaign",
            "listFollowUps",
            "updateFollowUp",
            "eraseContact",
            "listAuditLog",
            "listCampaigns",
            "sendInvitations",
            "getInvitationBatch");

    /**
     * Called by AWS, never by a client: API Gateway's authorizer (locally the functions check the key), and the
     * stream's notifier (locally the timer sends the follow-ups' e-mails).
     */
    public static final Set<String> GATEWAY_ONLY = Set.of("authorizeApiKey", "notifyFollowUp");

    /** The functions a phone answering a form calls: open to other machines, without a key. */
    public static final Set<String> ANSWER_FUNCTIONS = Set.of("getForm", "submitFeedback", "submitPulse");

    /** Path prefixes of the form pages and the assets they load (src/web/form, src/web/assets). */
    public static final Set<String> FORM_PAGES = Set.of("/form/", "/assets/");

    /**
     * Functions whose token rides in the body: API Gateway defines only their POST, so a GET is "no such
     * function" there, and here the same (Funqy's HTTP binding would otherwise read the query string).
     * A token in a query string would land in every log on its way.
     */
    public static final Set<String> BODY_ONLY = Set.of("getForm", "submitFeedback", "submitPulse", "revokeUnitCode");

    /** Invoked by the invitations' queue only (SQS on AWS, LocalMailQueue here); never over HTTP. */
    public static final Set<String> QUEUE_ONLY = Set.of("deliverInvitations");

    /** Where the presented key waits for the function, in the request's routing context. */
    static final String PRESENTED = "symmetry.presented-key";

    private final LocalApiKey apiKey;

    public LocalGateway(LocalApiKey apiKey) {
        this.apiKey = apiKey;
    }

    void routes(@Observes Router router) {
        router.route().order(-1000).handler(this::authenticate).failureHandler(this::refuse);
    }

    private void authenticate(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        String function = path.startsWith("/") ? path.substring(1) : path;
        if (!fromThisMachine(ctx.request().remoteAddress()) && !forOtherMachines(path, function)) {
            write(
                    ctx,
                    ErrorCode.FORBIDDEN.httpStatus(),
                    ApiError.of(
                            ErrorCode.FORBIDDEN,
                            null,
                            "from another machine, the local run serves only the forms and their answers"));
            return;
        }
        if (GATEWAY_ONLY.contains(function)
                || QUEUE_ONLY.contains(function)
                || (BODY_ONLY.contains(function)
                        && !"POST".equals(ctx.request().method().name()))) {
            write(ctx, 404, ApiError.of(ErrorCode.NOT_FOUND, null, "no such function"));
            return;
        }
        if (PROTECTED.contains(function)) {
            String presented = ctx.request().getHeader("x-api-key");
            if (presented == null || presented.isBlank()) {
                write(
                        ctx,
                        ErrorCode.UNAUTHENTICATED.httpStatus(),
                        ApiError.of(
                                ErrorCode.UNAUTHENTICATED,
                                "x-api-key",
                                "this function needs a valid x-api-key header"));
                return;
            }
            ctx.put(PRESENTED, new BindingCredentials.Presented(presented, apiKey.matches(presented)));
        }
        ctx.next();
    }

    /** What a client on another machine may reach: the forms, their assets and the answer functions. */
    static boolean forOtherMachines(String path, String function) {
        return ANSWER_FUNCTIONS.contains(function)
                || path.equals("/form")
                || FORM_PAGES.stream().anyMatch(path::startsWith);
    }

    /** A loopback peer is this machine; anything else (or an address that cannot be read) is not. */
    static boolean fromThisMachine(SocketAddress peer) {
        if (peer == null || peer.hostAddress() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(peer.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void refuse(RoutingContext ctx) {
        SymmetryException refusal = find(ctx.failure());
        if (refusal != null) {
            write(ctx, refusal.code().httpStatus(), refusal.error());
            return;
        }
        int status = ctx.statusCode();
        if (ctx.failure() == null && status == 400) {
            // The binding could not read the body as the function's input: it is not JSON.
            write(ctx, 400, ApiError.of(ErrorCode.MALFORMED_JSON, null, "the request body is not valid JSON"));
        } else if (status == 413) {
            write(ctx, 400, ApiError.of(ErrorCode.TOO_LARGE, null, "the request body is too large"));
        } else if (ctx.failure() != null) {
            LOG.error("unexpected failure", ctx.failure());
            write(ctx, 500, new ApiError(new ApiError.Detail("internal", null, "unexpected server error", true)));
        } else {
            ctx.next();
        }
    }

    private static SymmetryException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SymmetryException s) {
                return s;
            }
        }
        return null;
    }

    private static void write(RoutingContext ctx, int status, ApiError error) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(Json.encode(error));
    }

    /** The local admin key: {@code SYMMETRY_API_KEY}, or a random one printed at start (never stored). */
    @ApplicationScoped
    @IfBuildProfile(anyOf = {"dev", "test"})
    public static class LocalApiKey {
        private final byte[] key;
        private final String value;

        public LocalApiKey(@ConfigProperty(name = "symmetry.api-key") Optional<String> configured) {
            this.value = configured.filter(k -> !k.isBlank()).orElseGet(() -> {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                return HexFormat.of().formatHex(random);
            });
            this.key = value.getBytes(StandardCharsets.UTF_8);
        }

        public String value() {
            return value;
        }

        boolean matches(String presented) {
            return presented != null && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
        }
    }
}
