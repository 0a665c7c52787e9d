package app.symmetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What the formatter cannot do: a type named by its full package inside the code, instead of an
 * import, hides a dependency from the reader of the import block. (Spotless, in {@code verify},
 * enforces everything else: layout, import order, unused imports.)
 */
class SourceStyleTest {

    private static final List<Path> SOURCES = List.of(
            Path.of("src/main/java"), Path.of("src/test/java"), Path.of("src/local/java"), Path.of("src/bench/java"));
    private static final Pattern COMMENT_OR_LITERAL = Pattern.compile(
            "//[^\\n]*|/\\*[\\s\\S]*?\\*/|\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])+'");
    private static final Pattern PACKAGE_OR_IMPORT = Pattern.compile("(?m)^\\s*(package|import)\\s[^;]*;");
    private static final Pattern QUALIFIED_TYPE =
            Pattern.compile("(?<![\\w.])(?:java|javax|jakarta|org|com|io|software|app)(?:\\.[a-z]\\w*)+\\.[A-Z]\\w*");

    @Test
    void noTypeIsNamedByItsFullPackageInsideTheCode() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : SOURCES) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> found.addAll(qualifiedNames(f)));
            }
        }
        assertThat(found)
                .as("inline fully qualified names (import them instead)")
                .isEmpty();
    }

    private static List<String> qualifiedNames(Path file) {
        String code;
        try {
            code = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        code = blank(COMMENT_OR_LITERAL.matcher(code));
        code = blank(PACKAGE_OR_IMPORT.matcher(code));
        List<String> found = new ArrayList<>();
        Matcher m = QUALIFIED_TYPE.matcher(code);
        while (m.find()) {
            long line =
                    code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            found.add(file + ":" + line + " " + m.group());
        }
        return found;
    }

    /** Keeps line numbers: every matched character but a line break becomes a space. */
    private static String blank(Matcher m) {
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group().replaceAll("[^\\n]", " ")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
