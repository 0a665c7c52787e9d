package app.symmetry.mail;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.config.SmallRyeConfig;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

import app.symmetry.SymmetryConfig;

/**
 * Sends one e-mail through Amazon SES (the SESv2 {@code SendEmail} API), with its plain-text and HTML
 * parts, and answers SES's message id; anything SES does not accept is a {@link MailNotSent} that
 * says whether to try again.
 * <p>
 * The plain SDK client (the Quarkiverse SES extension is not served here) on the URL-connection HTTP
 * client, as the DynamoDB client ({@code storage/Dynamo}): built on the first e-mail, so a function
 * that sends none never loads it. On AWS it takes the function's region and role; with
 * {@code symmetry.mail.endpoint-override} (the local emulator) dummy credentials, which an emulator
 * accepts and real SES would refuse. The SDK's own retries (throttling, 5xx, network) run first;
 * what still fails is classified here, for the caller's own retry (a queue's redelivery).
 */
@ApplicationScoped
public class MailSender {

    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    private volatile SesV2Client client;
    private volatile String from;

    public MailSender() {}

    /** A sender on a client of the caller's (tests: an endpoint that fails as SES would). */
    MailSender(SesV2Client client, String from) {
        this.client = client;
        this.from = from;
    }

    /** @return SES's message id */
    public String send(OutgoingMail mail) {
        SesV2Client ses = client();
        if (from == null || from.isBlank()) {
            throw new MailNotSent(MailNotSent.NOT_CONFIGURED, false, "no sender address: set symmetry.mail.from", null);
        }
        SendEmailRequest request = SendEmailRequest.builder()
                .fromEmailAddress(from)
                .destination(Destination.builder().toAddresses(mail.to()).build())
                .content(EmailContent.builder()
                        .simple(Message.builder()
                                .subject(utf8(mail.subject()))
                                .body(Body.builder()
                                        .text(utf8(mail.text()))
                                        .html(utf8(mail.html()))
                                        .build())
                                .build())
                        .build())
                .build();
        try {
            return ses.sendEmail(request).messageId();
        } catch (SdkException e) {
            throw classify(e);
        }
    }

    /** What a failure means for the caller; never carries the recipient (SES messages may name it). */
    static MailNotSent classify(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new MailNotSent(MailNotSent.UNREACHABLE, true, "SES did not answer in time", e);
        }
        if (e instanceof SesV2Exception ses) {
            int status = ses.statusCode();
            String code =
                    ses.awsErrorDetails() == null ? null : ses.awsErrorDetails().errorCode();
            String what = "SES answered " + status + (code == null ? "" : " " + code);
            if (ses.isThrottlingException() || status == 429) {
                return new MailNotSent(MailNotSent.THROTTLED, true, what, e);
            }
            if (status >= 500) {
                return new MailNotSent(MailNotSent.SERVICE_UNAVAILABLE, true, what, e);
            }
            if (e instanceof SendingPausedException
                    || e instanceof AccountSuspendedException
                    || e instanceof MailFromDomainNotVerifiedException) {
                return new MailNotSent(MailNotSent.SENDING_NOT_ALLOWED, false, what, e);
            }
            return new MailNotSent(MailNotSent.REJECTED, false, what, e);
        }
        if (e instanceof SdkClientException || e.retryable()) {
            // no answer from SES at all: the connection, DNS, a reset
            return new MailNotSent(MailNotSent.UNREACHABLE, true, "SES could not be reached", e);
        }
        return new MailNotSent(MailNotSent.REJECTED, false, "SES refused the request", e);
    }

    private SesV2Client client() {
        SesV2Client built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    SymmetryConfig config = ConfigProvider.getConfig()
                            .unwrap(SmallRyeConfig.class)
                            .getConfigMapping(SymmetryConfig.class);
                    from = config.mailFrom().orElse(null);
                    built = build(config.mailEndpointOverride(), config.mailRegion());
                    client = built;
                }
            }
        }
        return built;
    }

    static SesV2Client build(Optional<String> endpointOverride, Optional<String> region) {
        SesV2ClientBuilder builder = SesV2Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(ATTEMPT_TIMEOUT))
                .overrideConfiguration(
                        c -> c.apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT));
        region.map(Region::of).ifPresent(builder::region);
        if (endpointOverride.isPresent()) {
            builder.endpointOverride(URI.create(endpointOverride.get()));
            if (region.isEmpty()) {
                builder.region(Region.EU_WEST_3);
            }
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }

    @PreDestroy
    void close() {
        SesV2Client built = client;
        if (built != null) {
            built.close();
        }
    }
}
