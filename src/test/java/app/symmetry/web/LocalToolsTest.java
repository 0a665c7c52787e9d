package app.symmetry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import app.symmetry.local.LocalTools;
import app.symmetry.testing.Api;

/** The posters and the e-mail links' CSV of the local run. */
@QuarkusTest
class LocalToolsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aPosterIsAnSvgWithTheUnitAndOneStableCode() {
        String first = Api.anonymous(base)
                .get("/posters/gent-korenmarkt.svg")
                .then()
                .statusCode(200)
                .header("Content-Type", containsString("image/svg+xml"))
                .extract()
                .asString();
        assertThat(first)
                .contains("<svg", "Gent Korenmarkt", "Votre avis compte", "Your opinion matters", "width=\"148mm\"");
        String again = Api.anonymous(base)
                .get("/posters/gent-korenmarkt.svg?size=A4")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(again).contains("width=\"210mm\"");
        // the same code on every print: the QR drawings are equal
        assertThat(qrPath(again)).isEqualTo(qrPath(first));
    }

    @Test
    void aPosterIsAlsoAPdf() {
        byte[] pdf = Api.anonymous(base)
                .get("/posters/gent-korenmarkt.pdf")
                .then()
                .statusCode(200)
                .header("Content-Type", "application/pdf")
                .extract()
                .asByteArray();
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(text)
                .startsWith("%PDF-1.4")
                .endsWith("%%EOF\n")
                .contains("(Gent Korenmarkt)", "/MediaBox [0 0 419.528 595.276]");
        // every cross-reference entry points at its object
        Matcher xref = Pattern.compile("(\\d{10}) 00000 n").matcher(text);
        int object = 1;
        while (xref.find()) {
            int offset = Integer.parseInt(xref.group(1));
            assertThat(text.substring(offset)).startsWith(object + " 0 obj");
            object++;
        }
        assertThat(object).isEqualTo(8);
        int startxref = Integer.parseInt(text.replaceAll("(?s).*startxref\\n(\\d+)\\n%%EOF\\n$", "$1"));
        assertThat(text.substring(startxref)).startsWith("xref");
    }

    @Test
    void postersOfUnknownUnitsAreNotFound() {
        Api.anonymous(base)
                .get("/posters/nowhere.svg")
                .then()
                .statusCode(404)
                .body("error.code", equalTo("unknown_unit"));
        Api.anonymous(base)
                .get("/posters/gent-korenmarkt.gif")
                .then()
                .statusCode(404)
                .body("error.code", equalTo("not_found"));
    }

    @Test
    void linksComeAsCsvForAMailingTool() {
        Api.anonymous(base)
                .get("/links.csv?unitId=gent-korenmarkt&kind=customer&count=3")
                .then()
                .statusCode(401)
                .body("error.code", equalTo("unauthenticated"));
        String csv = Api.manager(base)
                .get("/links.csv?unitId=gent-korenmarkt&kind=customer&count=3&expiresInDays=30")
                .then()
                .statusCode(200)
                .header("Content-Type", containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment"))
                .extract()
                .asString();
        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(csv).endsWith("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("unitId,kind,url,token,expiresAt");
        for (String line : lines.subList(1, 4)) {
            String[] f = line.split(",");
            assertThat(f).hasSize(5);
            assertThat(f[0]).isEqualTo("gent-korenmarkt");
            assertThat(f[1]).isEqualTo("customer");
            assertThat(f[2]).isEqualTo("https://feedback.example.test/form/#t=" + f[3]);
            // each link opens its form
            Api.anonymous(base)
                    .body(Map.of("token", f[3]))
                    .post("/getForm")
                    .then()
                    .statusCode(200)
                    .body("singleUse", equalTo(true))
                    .body("unit.id", equalTo("gent-korenmarkt"));
        }
        Api.manager(base)
                .get("/links.csv?unitId=gent-korenmarkt&kind=customer&count=many")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("count"));
        Api.manager(base)
                .get("/links.csv?unitId=gent-korenmarkt&kind=customer&campaign=x")
                .then()
                .statusCode(400)
                .body("error.code", equalTo("unknown_field"));
    }

    @Test
    void csvFieldsAreQuotedPerRfc4180() {
        StringBuilder csv = new StringBuilder();
        LocalTools.row(csv, List.of("plain", "a,b", "say \"hi\"", "two\nlines", ""));
        assertThat(csv).hasToString("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }

    @Test
    void aCsvCellThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        StringBuilder csv = new StringBuilder();
        LocalTools.row(
                csv,
                List.of(
                        "=HYPERLINK(\"https://evil.example\",\"open\")",
                        "+1+cmd|' /C calc'!A0",
                        "-2",
                        "@SUM(A1)",
                        "\t=1",
                        "\r=1",
                        "https://x/#t=a=b",
                        "a-b"));
        assertThat(csv)
                .hasToString("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"open\"\")\","
                        + "'+1+cmd|' /C calc'!A0,'-2,'@SUM(A1),'\t=1,\"'\r=1\",https://x/#t=a=b,a-b\r\n");
    }

    private static String qrPath(String svg) {
        Matcher m = Pattern.compile("<path fill=\"#000000\" d=\"([^\"]+)\"").matcher(svg);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
