package app.symmetry.answer;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of {@code listComments}, newest first; {@code cursor} is absent on the last page. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommentPage(List<Comment> items, String cursor) {}
