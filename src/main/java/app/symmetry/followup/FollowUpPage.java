package app.symmetry.followup;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of {@code listFollowUps}, newest first; {@code cursor} is absent on the last page. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FollowUpPage(List<FollowUpView> items, String cursor) {}
