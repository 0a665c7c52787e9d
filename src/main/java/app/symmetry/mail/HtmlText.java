package app.symmetry.mail;

/**
 * Text put into an e-mail's HTML part: what a customer typed, a unit's name, a link. Escaped so that it
 * shows as the characters written and never becomes markup or leaves an attribute.
 */
public final class HtmlText {

    private HtmlText() {}

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
