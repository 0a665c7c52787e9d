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
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import app.symmetry.aggregation.Aggregator;
import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;

/** After the aggregation, the answers are counted on the manager's dashboard. Needs the real aggregator. */
@QuarkusTest
class DashboardBrowserTest extends ChromiumTest {

    private static final String UNIT = "lyon-part-dieu";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Aggregator aggregator;

    @Test
    void answersAreCountedOnTheDashboardAfterAggregation() {
        // twelve customers answer through their e-mail links (single-use: no device cap)
        List<String> tokens = Api.manager(base)
                .body(Map.of("unitId", UNIT, "kind", "customer", "count", 12))
                .post("/issueLinks")
                .then()
                .statusCode(200)
                .extract()
                .path("links.token");
        for (int i = 0; i < tokens.size(); i++) {
            Map<String, Object> answer = Answers.with(Answers.feedback(tokens.get(i)), "recommend", 4 + i % 7);
            Api.anonymous(base).body(answer).post("/submitFeedback").then().statusCode(200);
        }
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        aggregator.recompute(today, today);
        String month = "MONTH:" + today.toString().substring(0, 7);
        int n = Api.manager(base)
                .queryParam("scope", "unit")
                .queryParam("id", UNIT)
                .queryParam("period", month)
                .get("/getSnapshot")
                .then()
                .statusCode(200)
                .extract()
                .path("customer.n");
        assertThat(n).isGreaterThanOrEqualTo(12);

        // The store manager's dashboard runs on a viewer key of their store: it reads, and sees no other store.
        String viewer = Api.manager(base)
                .body(Map.of("role", "viewer", "units", List.of(UNIT)))
                .post("/createApiKey")
                .then()
                .statusCode(200)
                .extract()
                .path("apiKey");
        browser.open(base + "dashboard/#key=" + viewer);
        // The pickers are drawn again as the organisation's figures arrive: choose once they have settled.
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
        browser.waitForText(By.cssSelector("#content h2"), "Lyon Part-Dieu");
        browser.waitForText(By.cssSelector("#content .side-c"), n + " answers");
        assertThat(browser.driver.findElement(By.id("period")).getAttribute("value"))
                .isEqualTo(month);
        List<String> choices = new Select(browser.driver.findElement(By.id("scope")))
                .getOptions().stream().map(o -> o.getAttribute("value")).toList();
        assertThat(choices).contains("unit:" + UNIT).noneMatch(v -> v.startsWith("unit:") && !v.equals("unit:" + UNIT));
        browser.screenshot("dashboard-unit");
    }
}
