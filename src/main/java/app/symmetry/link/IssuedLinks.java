package app.symmetry.link;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A batch of single-use links, for a mailing tool to merge into e-mails. */
@RegisterForReflection
public record IssuedLinks(List<Link> links) {

    @RegisterForReflection
    public record Link(String token, String url, String expiresAt) {}
}
