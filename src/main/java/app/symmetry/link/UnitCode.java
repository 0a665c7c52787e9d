package app.symmetry.link;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A unit's long-lived code, as printed on a poster: its token, the form's address and its QR code. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnitCode(String token, String codeId, String url, String qrSvg, String expiresAt) {}
