package app.symmetry.link;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A batch of single-use links, for a mailing tool to merge into e-mails; {@code batchId} withdraws them
 * all at once ({@code revokeLinkBatch}) should the list leak.
 */
@RegisterForReflection
public record IssuedLinks(String batchId, List<Link> links) {

    @RegisterForReflection
    public record Link(String token, String url, String expiresAt) {}
}
