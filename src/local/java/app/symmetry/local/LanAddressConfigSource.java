package app.symmetry.local;

import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies {@code symmetry.local.lan-host}: this machine's address on its local network, so that the
 * local run's links and QR codes open on a phone on the same Wi-Fi. {@code application.properties}
 * uses it for {@code %dev.symmetry.public-url} when {@code SYMMETRY_PUBLIC_URL} is unset; it falls back
 * to {@code localhost} when no such address is found. Local-only: this class is not in the Lambda.
 */
public class LanAddressConfigSource implements ConfigSource {

    public static final String PROPERTY = "symmetry.local.lan-host";

    private volatile String detected;

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PROPERTY, host());
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTY.equals(propertyName) ? host() : null;
    }

    @Override
    public String getName() {
        return "symmetry-lan-address";
    }

    /** Below application.properties and the environment: anything set by hand wins. */
    @Override
    public int getOrdinal() {
        return 50;
    }

    private String host() {
        String host = detected;
        if (host == null) {
            host = detect().map(InetAddress::getHostAddress).orElse("localhost");
            detected = host;
        }
        return host;
    }

    /**
     * A private IPv4 address of an interface that is up, preferring the one the default route uses,
     * then physical-looking interfaces over bridges and tunnels (docker0, veth…, tun…).
     */
    static Optional<InetAddress> detect() {
        Optional<InetAddress> routed = routedAddress();
        if (routed.isPresent()) {
            return routed;
        }
        try {
            List<NetworkInterface> interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
            return interfaces.stream()
                    .filter(LanAddressConfigSource::usable)
                    .sorted(Comparator.comparingInt(LanAddressConfigSource::rank))
                    .flatMap(i -> i.inetAddresses().filter(LanAddressConfigSource::privateIpv4))
                    .findFirst();
        } catch (SocketException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Connecting a UDP socket sends nothing: it only asks the OS which address would be used. */
    private static Optional<InetAddress> routedAddress() {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(
                    InetAddress.getByAddress(new byte[] {10, (byte) 254, (byte) 254, (byte) 254}), 9));
            InetAddress local = socket.getLocalAddress();
            return privateIpv4(local) ? Optional.of(local) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static boolean usable(NetworkInterface i) {
        try {
            return i.isUp() && !i.isLoopback() && !i.isVirtual() && !i.isPointToPoint();
        } catch (SocketException e) {
            return false;
        }
    }

    private static int rank(NetworkInterface i) {
        String name = i.getName().toLowerCase(Locale.ROOT);
        for (String virtual :
                List.of("docker", "veth", "br-", "virbr", "vmnet", "vbox", "tun", "tap", "zt", "tailscale", "wg")) {
            if (name.startsWith(virtual)) {
                return 2;
            }
        }
        return name.startsWith("e") || name.startsWith("w") ? 0 : 1;
    }

    static boolean privateIpv4(InetAddress address) {
        return address instanceof Inet4Address && address.isSiteLocalAddress();
    }

    @Override
    public String toString() {
        return getName() + getPropertyNames().stream().collect(Collectors.joining(",", "[", "]"));
    }
}
