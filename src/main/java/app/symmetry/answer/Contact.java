package app.symmetry.answer;

/** A customer's e-mail, kept only when they ticked consent to be contacted. */
public record Contact(String email, boolean consent) {}
