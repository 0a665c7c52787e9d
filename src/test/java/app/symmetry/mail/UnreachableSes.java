package app.symmetry.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Optional;

/** A real SES client whose SES is down: its endpoint is a port nothing listens on. */
public final class UnreachableSes {

    private UnreachableSes() {}

    public static MailSender sender(String from) {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MailSender(MailSender.build(Optional.of("http://127.0.0.1:" + port), Optional.empty()), from);
    }
}
