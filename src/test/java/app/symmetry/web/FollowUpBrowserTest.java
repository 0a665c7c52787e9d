package app.symmetry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import app.symmetry.followup.FollowUpNotifier;
import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.SesEmulator;

/**
 * Closing the loop in a browser: a customer gives 2 and ticks the contact box beside its privacy
 * notice; the unit's e-mail lands in the SES emulator's mailbox (seen in its own viewer); the store's
 * viewer finds the follow-up on the dashboard, marks it contacted and closes it, and the address is gone.
 */
@QuarkusTest
class FollowUpBrowserTest extends ChromiumTest {

    private static final String UNIT = "paris-bastille";
    private static final String UNIT_ADDRESS = "paris-bastille@maison-lumiere.example";

    @TestHTTPResource("/")
    URL base;

    /** What the local run's timer calls every few seconds (the stream's notifier on AWS). */
    @Inject
    FollowUpNotifier notifier;

    /** The dashboard draws its panels again as their data arrive: an element found may be replaced meanwhile. */
    private static void retrying(Runnable action) {
        for (int attempt = 0; ; attempt++) {
            try {
                action.run();
                return;
            } catch (StaleElementReferenceException redrawn) {
                if (attempt == 20) {
                    throw redrawn;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw redrawn;
                }
            }
        }
    }

    @Test
    void aDetractorAsksToBeContactedTheUnitIsEmailedAndItsViewerClosesTheFollowUp() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String customer = "client-" + marker + "@example.test";
        String link = Api.manager(base)
                .body(Campaigns.credential(base, UNIT, "customer", "count", 1))
                .post("/issueLinks")
                .then()
                .statusCode(200)
                .extract()
                .path("links[0].url");

        browser.open(Browser.onTestServer(base, link));
        browser.waitForText(By.cssSelector("h1"), "Paris Bastille");
        assertThat(browser.waitFor(By.id("privacy-notice")).getText()).contains("30 days");
        browser.click(By.cssSelector("label[for='q-recommend-2']"));
        browser.waitFor(By.id("comment")).sendKeys("Attente de 40 minutes " + marker);
        browser.waitFor(By.id("email")).sendKeys(customer);
        browser.click(By.cssSelector("label[for='consent']"));
        browser.screenshot("followup-form");
        browser.click(By.cssSelector("form button[type='submit']"));
        browser.waitForText(By.cssSelector("h1"), "Thank you!");

        assertThat(notifier.sendPending(100)).isPositive();
        // the unit's e-mail, as the mailbox viewer of the emulator shows it
        List<SesEmulator.SentMail> mails = SesEmulator.ofApplication().mailTo(UNIT_ADDRESS).stream()
                .filter(m -> m.text().contains(marker))
                .toList();
        assertThat(mails).hasSize(1);
        browser.open(SesEmulator.ofApplication().endpoint() + "/");
        browser.waitForText(By.tagName("body"), mails.get(0).subject());
        browser.screenshot("followup-mailbox");

        String viewer = Api.manager(base)
                .body(Map.of("role", "viewer", "units", List.of(UNIT)))
                .post("/createApiKey")
                .then()
                .statusCode(200)
                .extract()
                .path("apiKey");
        browser.open(base + "dashboard/#key=" + viewer);
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
        By item = By.xpath("//li[contains(@class,'fu-item')][.//blockquote[contains(., '" + marker + "')]]");
        browser.waitForText(item, customer);
        retrying(() -> assertThat(browser.driver.findElement(item).getText())
                .contains("2/10")
                .contains("open"));
        browser.screenshot("followup-dashboard");

        retrying(() -> {
            var shown = browser.driver.findElement(item);
            shown.findElement(By.cssSelector(".fu-note")).sendKeys("rappelée, message laissé");
            shown.findElement(By.cssSelector("button[data-to='contacted']")).click();
        });
        browser.waitForText(item, "rappelée, message laissé");
        browser.waitForText(item, "contacted");
        retrying(() -> browser.driver
                .findElement(item)
                .findElement(By.cssSelector("button[data-to='closed']"))
                .click());
        browser.waitForText(item, "Address deleted.");
        retrying(() -> assertThat(browser.driver.findElement(item).getText())
                .doesNotContain(customer)
                .contains("closed"));
        browser.screenshot("followup-closed");
    }
}
