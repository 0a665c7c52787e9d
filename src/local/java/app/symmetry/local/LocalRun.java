package app.symmetry.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;

import app.symmetry.access.Access;
import app.symmetry.aggregation.AggregationResult;
import app.symmetry.aggregation.Aggregator;
import app.symmetry.campaign.NewCampaign;
import app.symmetry.campaign.PulseCampaigns;
import app.symmetry.followup.FollowUpNotifier;
import app.symmetry.link.IssueUnitCodeRequest;
import app.symmetry.link.LinkService;
import app.symmetry.link.UnitCode;
import app.symmetry.local.LocalGateway.LocalApiKey;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.token.Audience;

/**
 * The local run ({@code ./mvnw -Plocal quarkus:dev}): everything the cloud provides, on one machine.
 * <ol>
 * <li>Before {@link LocalTable} (priority 10) creates the table: DynamoDB Local at the configured
 * endpoint ({@code localhost:8000}), in this JVM with its data under {@code .local-data/dynamodb}, or
 * the one already listening there.</li>
 * <li>After it: the demo history (unless {@code SYMMETRY_DEMO_HISTORY=false}), then the aggregation
 * once, then on a timer ({@code symmetry.local.aggregate-every}, one minute) as EventBridge would,
 * all on one background thread so the server answers at once; and the addresses to open.</li>
 * </ol>
 * Unlike EventBridge, the local run can be stopped for weeks: at start it first recomputes the days since
 * its last aggregation (kept in {@code <data-dir>/last-aggregation}), so a month that ended meanwhile is
 * closed and published as its closing run would have done. Its time is {@link LocalClock}'s.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class LocalRun {

    private static final Logger LOG = Logger.getLogger(LocalRun.class);

    @ConfigProperty(name = "quarkus.dynamodb.endpoint-override")
    Optional<URI> dynamoEndpoint;

    @ConfigProperty(name = "symmetry.mail.endpoint-override")
    Optional<URI> mailEndpoint;

    /** How often the follow-ups' e-mails still to send are looked for (DynamoDB Streams' part on AWS). */
    @ConfigProperty(name = "symmetry.local.notify-every", defaultValue = "PT5S")
    Duration notifyEvery;

    @ConfigProperty(name = "symmetry.local.ses-emulator-dir", defaultValue = "target/ses-emulator")
    Path sesEmulatorDir;

    @ConfigProperty(name = "symmetry.local.data-dir", defaultValue = ".local-data")
    Path dataDir;

    @ConfigProperty(name = "symmetry.demo-history", defaultValue = "true")
    boolean demoHistory;

    @ConfigProperty(name = "symmetry.local.demo-history-days", defaultValue = "56")
    int demoHistoryDays;

    @ConfigProperty(name = "symmetry.local.aggregate-every", defaultValue = "PT1M")
    Duration aggregateEvery;

    @ConfigProperty(name = "symmetry.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    @Inject
    Clock clock;

    @Inject
    LocalClock localClock;

    private EmbeddedDynamoDb dynamo;
    private SesEmulatorProcess ses;
    private volatile String mailbox;
    private ScheduledExecutorService timer;
    private volatile String lastAggregationFailure;

    void startDynamoDb(@Observes @Priority(1) StartupEvent start) {
        if (dynamoEndpoint.isEmpty()) {
            return;
        }
        URI endpoint = dynamoEndpoint.get();
        String host = endpoint.getHost();
        int port = endpoint.getPort() < 0 ? 8000 : endpoint.getPort();
        if (listening(host, port)) {
            LOG.infof("DynamoDB Local: using the one already listening at %s", endpoint);
            return;
        }
        if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
            LOG.warnf(
                    "DynamoDB endpoint %s is not answering; not starting one (only localhost is started here)",
                    endpoint);
            return;
        }
        Path path = dataDir.resolve("dynamodb").toAbsolutePath();
        dynamo = EmbeddedDynamoDb.start(port, path);
        LOG.infof("DynamoDB Local: started in this JVM at %s, data in %s", endpoint, path);
    }

    /**
     * The SES emulator at the configured endpoint ({@code localhost:8005}), a Node process installed
     * under {@code target/ses-emulator} when missing, or the one already listening there. Without it the
     * local run still starts: e-mails then fail as they would with SES down.
     */
    void startSesEmulator(@Observes @Priority(2) StartupEvent start) {
        if (mailEndpoint.isEmpty()) {
            return;
        }
        URI endpoint = mailEndpoint.get();
        String host = endpoint.getHost();
        int port = endpoint.getPort() < 0 ? 8005 : endpoint.getPort();
        if (listening(host, port)) {
            LOG.infof("SES emulator: using the one already listening at %s", endpoint);
            mailbox = endpoint.toString();
            return;
        }
        if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
            LOG.warnf("SES endpoint %s is not answering; not starting one (only localhost is started here)", endpoint);
            return;
        }
        try {
            ses = SesEmulatorProcess.start(sesEmulatorDir, port);
            mailbox = "http://localhost:" + ses.port() + "/";
            LOG.infof("SES emulator: aws-ses-v2-local started at %s (mailbox viewer)", mailbox);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "SES emulator could not start (%s): e-mails will fail and be retried until it runs",
                    e.getMessage());
        }
    }

    /** The start page's link to the mailbox: a redirect, the emulator being on its own port. */
    void mailboxRoute(@Observes Router router) {
        router.get("/mailbox").handler(ctx -> {
            String at = mailbox;
            if (at == null) {
                ctx.response()
                        .setStatusCode(503)
                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("The SES emulator is not running: see the local run's log.");
            } else {
                ctx.redirect(at);
            }
        });
    }

    void startLocalRun(
            @Observes @Priority(20) StartupEvent start,
            DemoHistory history,
            Aggregator aggregator,
            LinkService links,
            PosterCodes posterCodes,
            OrganisationDirectory directory,
            LocalApiKey apiKey,
            FollowUpNotifier notifier) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "symmetry-local-timer");
            t.setDaemon(true);
            return t;
        });
        timer.execute(() -> firstRun(history, aggregator));
        long every = Math.max(1000, aggregateEvery.toMillis());
        timer.scheduleWithFixedDelay(
                () -> {
                    aggregate("scheduled", () -> aggregator.runScheduled(clock.instant()));
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        // DynamoDB Local's stream is not read here: the follow-ups' notices are picked up as they wait
        long notifyMillis = Math.max(500, notifyEvery.toMillis());
        timer.scheduleWithFixedDelay(
                () -> notifyFollowUps(notifier), notifyMillis, notifyMillis, TimeUnit.MILLISECONDS);
        printWhereToGo(links, posterCodes, directory, apiKey);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (dynamo != null) {
            dynamo.close();
            dynamo = null;
        }
        if (ses != null) {
            ses.close();
            ses = null;
        }
    }

    private void firstRun(DemoHistory history, Aggregator aggregator) {
        try {
            Optional<DemoHistory.Seeded> earlier = history.seeded();
            if (demoHistory && earlier.isEmpty()) {
                LOG.infof("Demo history: writing %d days of synthetic answers for the demo units…", demoHistoryDays);
                long t0 = System.nanoTime();
                DemoHistory.Seeded seeded = history.seed(demoHistoryDays, clock.instant());
                LOG.infof(
                        "Demo history: %d customer and %d employee answers from %s to %s, in %d s",
                        seeded.customerAnswers(),
                        seeded.employeeAnswers(),
                        seeded.from(),
                        seeded.to(),
                        (System.nanoTime() - t0) / 1_000_000_000L);
                earlier = Optional.of(seeded);
            } else if (!demoHistory && earlier.isPresent()) {
                LOG.warnf(
                        "SYMMETRY_DEMO_HISTORY=false, but the demo history of an earlier run (%s to %s) is still in %s:"
                                + " stop, delete that folder, and start again for an empty organisation",
                        earlier.get().from(), earlier.get().to(), dataDir.toAbsolutePath());
            } else if (earlier.isPresent()) {
                LOG.infof(
                        "Demo history: written by an earlier run (%s to %s)",
                        earlier.get().from(), earlier.get().to());
            }
            if (earlier.isPresent() && !earlier.get().aggregated()) {
                // the seeded days are past the scheduled run's window: recompute them once (again after a
                // failure, e.g. on a later start)
                DemoHistory.Seeded seeded = earlier.get();
                LocalDate to = seeded.to().plusDays(1); // today, where the last seeded day was yesterday
                if (aggregate(
                        "demo history " + seeded.from() + " to " + to, () -> aggregator.recompute(seeded.from(), to))) {
                    history.markAggregated();
                }
                return;
            }
            catchUp(aggregator);
            aggregate("start", () -> aggregator.runScheduled(clock.instant()));
        } catch (RuntimeException e) {
            LOG.error("Demo history could not be written", e);
        }
    }

    /**
     * The days between the last aggregation and now, recomputed whole (the scheduled run only reads
     * back a few hours): periods that ended while the run was stopped are closed as they would have
     * been. Nothing to do when the last aggregation is recent, or later than now (a clock set back).
     */
    private void catchUp(Aggregator aggregator) {
        Optional<Instant> last = lastAggregation();
        Instant now = clock.instant();
        if (last.isEmpty() || !last.get().isBefore(now.minus(Duration.ofHours(3)))) {
            return;
        }
        LocalDate to = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // a day either side covers every unit's time zone
        LocalDate from = LocalDate.ofInstant(last.get(), ZoneOffset.UTC).minusDays(1);
        if (from.plusDays(Aggregator.MAX_RANGE_DAYS).isBefore(to)) {
            from = to.minusDays(Aggregator.MAX_RANGE_DAYS);
        }
        // days whose answers may have expired keep the tallies they had: a recompute of them is refused
        if (from.isBefore(aggregator.earliestRecompute(now))) {
            from = aggregator.earliestRecompute(now);
        }
        LocalDate start = from;
        aggregate(
                "catching up from " + from + " to " + to + ", stopped since " + last.get(),
                () -> aggregator.recompute(start, to));
    }

    private Path lastAggregationFile() {
        return dataDir.resolve("last-aggregation");
    }

    private Optional<Instant> lastAggregation() {
        Path file = lastAggregationFile();
        try {
            return Files.exists(file)
                    ? Optional.of(Instant.parse(Files.readString(file).trim()))
                    : Optional.empty();
        } catch (IOException | DateTimeParseException e) {
            LOG.warnf(
                    "%s is unreadable (%s): not catching up on the days since the last aggregation",
                    file, e.getMessage());
            return Optional.empty();
        }
    }

    private void recordAggregation(Instant at) {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(lastAggregationFile(), at.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code notifyFollowUp} does on AWS for each new follow-up, for the notices waiting. */
    private void notifyFollowUps(FollowUpNotifier notifier) {
        try {
            int sent = notifier.sendPending(20);
            if (sent > 0) {
                LOG.infof("Follow-ups: %d e-mail(s) sent to their units (see the mailbox)", sent);
            }
        } catch (RuntimeException e) {
            LOG.debugf("Follow-up e-mails not sent, will try again: %s", e.getMessage());
        }
    }

    private boolean aggregate(String what, Supplier<AggregationResult> run) {
        try {
            Instant at = clock.instant();
            AggregationResult report = run.get();
            recordAggregation(at);
            lastAggregationFailure = null;
            LOG.infof(
                    "Aggregation (%s): %d units, %d snapshots written, %d answers read",
                    what, report.unitsProcessed(), report.snapshotsWritten(), report.answersRead());
            return true;
        } catch (RuntimeException e) {
            String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!failure.equals(lastAggregationFailure)) {
                // said once, not every minute; the timer keeps trying
                LOG.warnf("Aggregation (%s) failed, will try again on the next tick: %s", what, failure);
                LOG.debug("Aggregation failure", e);
                lastAggregationFailure = failure;
            } else {
                LOG.debugf("Aggregation (%s) failed again: %s", what, failure);
            }
            return false;
        }
    }

    private void printWhereToGo(
            LinkService links, PosterCodes posterCodes, OrganisationDirectory directory, LocalApiKey apiKey) {
        String local = "http://localhost:" + httpPort;
        String key = apiKey.value();
        Unit first = directory.organisation().units().get(0);
        String customerForm;
        String pulseForm;
        try {
            customerForm = posterCodes.forUnit(first.id()).url();
            // A pulse code belongs to a campaign: the demo's, for a unit of 50, open for 30 days.
            String campaign = Arc.container()
                    .instance(PulseCampaigns.class)
                    .get()
                    .start(
                            Access.LOCAL_ADMIN.keyId(),
                            new NewCampaign(
                                    first.id(), 50, LocalDate.now(first.zone()).plusDays(30)))
                    .campaignId();
            UnitCode pulse = links.issueUnitCode(
                    new IssueUnitCodeRequest(first.id(), Audience.PULSE, OptionalInt.empty(), Optional.of(campaign)));
            pulseForm = pulse.url();
        } catch (RuntimeException e) {
            LOG.warn("The demo form codes could not be issued", e);
            customerForm = pulseForm = "(not available: " + e.getMessage() + ")";
        }
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        String lines = String.join(
                "\n",
                "",
                "==========================================================================================",
                " Symmetry is running on this machine. Open:",
                "",
                "  Start page        " + local + "/#key=" + key,
                "  Dashboard         " + local + "/dashboard/#key=" + key,
                "  Customer form     " + customerForm,
                "                    (" + first.name() + ", the code on its poster)",
                "  Pulse form        " + pulseForm,
                "                    (" + first.name() + ", a code for the current campaign)",
                "  QR posters        " + local + "/posters/" + first.id() + ".svg   (.pdf, ?size=A4; one per unit)",
                "  E-mail links      curl -H 'x-api-key: " + key + "' '" + local + "/links.csv?unitId=" + first.id()
                        + "&kind=customer&count=50&expiresInDays=30'",
                "  OpenAPI UI        " + local + "/q/swagger-ui/",
                "  Mailbox           " + (mailbox == null ? "(the SES emulator is not running)" : mailbox)
                        + "   (every e-mail sent, as SES took it)",
                "",
                "  API key (x-api-key)  " + key
                        + (apiKeyFromEnvironment() ? "" : "   (random: set SYMMETRY_API_KEY to choose it)"),
                "  Links and QR codes   " + base
                        + (base.contains("localhost")
                                ? "   (no LAN address found: set SYMMETRY_PUBLIC_URL for phones)"
                                : "   (phones on the same network reach the forms only; SYMMETRY_PUBLIC_URL"
                                        + " to change)"),
                "  Aggregation          every "
                        + aggregateEvery.toString().substring(2).toLowerCase()
                        + (demoHistory
                                ? "; demo history on (SYMMETRY_DEMO_HISTORY=false for none)"
                                : "; no demo history"),
                "  Data                 " + dataDir.toAbsolutePath() + "   (stop, then delete it to start afresh)",
                "  Clock                "
                        + (localClock.startsAt().isPresent()
                                ? "started at " + localClock.startsAt().get() + " (SYMMETRY_LOCAL_CLOCK), ticking"
                                : "this machine's (SYMMETRY_LOCAL_CLOCK to start it elsewhen)"),
                "==========================================================================================",
                "");
        LOG.info(lines);
    }

    private static boolean apiKeyFromEnvironment() {
        return ConfigProvider.getConfig()
                .getOptionalValue("symmetry.api-key", String.class)
                .filter(k -> !k.isBlank())
                .isPresent();
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
