package app.symmetry.link;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

import app.symmetry.organisation.Questionnaire;

/** What a form needs before it is shown: whose form it is and the questions in each language. */
@RegisterForReflection
public record FormDescription(
        String kind,
        UnitRef unit,
        List<String> languages,
        boolean singleUse,
        String expiresAt,
        Questionnaire questionnaire) {

    @RegisterForReflection
    public record UnitRef(String id, String name) {}
}
