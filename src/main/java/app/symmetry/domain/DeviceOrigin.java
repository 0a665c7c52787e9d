package app.symmetry.domain;

/**
 * Where a public answer came from, as the gateway saw it. Used only to count answers per device and
 * day under a salted, expiring hash; never stored as such.
 */
public record DeviceOrigin(String sourceIp, String userAgent) {}
