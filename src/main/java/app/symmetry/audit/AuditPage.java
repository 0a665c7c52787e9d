package app.symmetry.audit;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A page of one month's audit log, newest first. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditPage(String month, List<Entry> items, String cursor) {

    @RegisterForReflection
    public record Entry(String at, String action, String actor, String subject, int count, String detail) {}
}
