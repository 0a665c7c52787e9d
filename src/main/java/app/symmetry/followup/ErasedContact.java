package app.symmetry.followup;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code eraseContact}'s answer: whether an address was still kept (false: it was gone already). */
@RegisterForReflection
public record ErasedContact(String followUpId, boolean erased) {}
