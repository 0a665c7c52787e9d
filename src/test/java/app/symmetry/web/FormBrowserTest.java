package app.symmetry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.Invitations;
import app.symmetry.testing.SesEmulator;
import app.symmetry.testing.TableItems;

/** The customer and pulse forms in a real browser, from a QR code or an e-mail link to the thank-you. */
@QuarkusTest
class FormBrowserTest extends ChromiumTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    TableItems table;

    private String unitCodeUrl(String unitId, String kind) {
        return Api.manager(base)
                .body(Campaigns.credential(base, unitId, kind))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("url");
    }

    private String singleUseLink(String unitId, String kind) {
        return Api.manager(base)
                .body(Campaigns.credential(base, unitId, kind, "count", 1))
                .post("/issueLinks")
                .then()
                .statusCode(200)
                .extract()
                .path("links[0].url");
    }

    /** Picks the answers the way a person does: by their labels (the radio buttons are drawn as labels). */
    private void fillAndSend(int recommend, Map<String, Integer> ratings, String comment) {
        browser.click(By.cssSelector("label[for='q-recommend-" + recommend + "']"));
        ratings.forEach((dimension, value) ->
                browser.click(By.cssSelector("label[for='q-r-" + dimension + "-" + value + "']")));
        if (comment != null) {
            browser.waitFor(By.id("comment")).sendKeys(comment);
        }
        browser.click(By.cssSelector("form button[type='submit']"));
    }

    private long answers(String side, String unitId) {
        return table.withKeyPrefix("ANSWER#" + side + "#" + unitId + "#").size();
    }

    @Test
    void aCustomerScansTheQrCodeAnswersAndIsThanked() {
        long before = answers("C", "paris-bastille");
        browser.open(Browser.onTestServer(base, unitCodeUrl("paris-bastille", "customer")));
        browser.waitForText(By.cssSelector("h1"), "Paris Bastille");
        assertThat(browser.driver.findElement(By.id("email")).isDisplayed()).isTrue();
        browser.screenshot("customer-form");

        fillAndSend(9, Map.of("listening", 5, "ownership", 4, "information", 4), "Accueil <b>parfait</b>, merci !");
        browser.waitForText(By.cssSelector("h1"), "Thank you!");
        browser.screenshot("customer-thanks");
        assertThat(answers("C", "paris-bastille")).isEqualTo(before + 1);
    }

    @Test
    void anEmployeeAnswersThePulseAnonymously() {
        long before = answers("E", "versailles-chantiers");
        browser.open(Browser.onTestServer(base, unitCodeUrl("versailles-chantiers", "pulse")));
        browser.waitForText(By.cssSelector("h1"), "Versailles Chantiers");
        assertThat(browser.waitFor(By.id("anon")).getText()).isNotBlank();
        assertThat(browser.driver.findElements(By.id("email"))).isEmpty();
        // employees' words are not stored: no box to type them in, and a line that says why
        assertThat(browser.driver.findElements(By.id("comment"))).isEmpty();
        assertThat(browser.waitFor(By.id("no-comment")).getText()).contains("no comment box");
        browser.screenshot("pulse-form");

        fillAndSend(7, Map.of("listening", 3, "recognition", 2, "cooperation", 4), null);
        browser.waitForText(By.cssSelector("h1"), "Thank you!");
        assertThat(browser.driver.findElement(By.id("main")).getText()).contains("anonymously");
        browser.screenshot("pulse-thanks");
        assertThat(answers("E", "versailles-chantiers")).isEqualTo(before + 1);
    }

    @Test
    void whatTheBrowserChecksIsMarkedOnItsFieldAndNothingIsSentUntilFixed() {
        long before = answers("C", "paris-bastille");
        browser.open(Browser.onTestServer(base, singleUseLink("paris-bastille", "customer")));
        browser.waitForText(By.cssSelector("h1"), "Paris Bastille");
        By summary = By.cssSelector(".sendbar .banner-error");
        By send = By.cssSelector("form button[type='submit']");

        browser.click(send);
        browser.waitForText(summary, "Please choose a number from 0 to 10.");
        assertThat(browser.driver.findElement(By.id("q-recommend")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.focused()).isEqualTo("q-recommend-0");
        // answering the question takes the mark and the summary away
        browser.click(By.cssSelector("label[for='q-recommend-8']"));
        browser.waitUntilHidden(summary);
        assertThat(browser.driver.findElement(By.id("q-recommend")).getAttribute("aria-invalid"))
                .isNull();

        browser.click(By.cssSelector("label[for='consent']"));
        browser.click(send);
        browser.waitForText(By.id("email-err"), "Please enter your e-mail address, or untick the box.");
        assertThat(browser.focused()).isEqualTo("email");
        browser.waitFor(By.id("email")).sendKeys("not-an-address");
        browser.click(send);
        browser.waitForText(By.id("email-err"), "This e-mail address does not look right.");
        assertThat(browser.driver.findElement(By.id("email")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        browser.screenshot("customer-form-checks");
        assertThat(answers("C", "paris-bastille"))
                .as("nothing sent while the form is wrong")
                .isEqualTo(before);

        browser.waitFor(By.id("email")).clear();
        browser.waitFor(By.id("email")).sendKeys("someone@example.org");
        browser.click(send);
        browser.waitForText(By.cssSelector("h1"), "Thank you!");
        assertThat(answers("C", "paris-bastille")).isEqualTo(before + 1);
    }

    @Test
    void anInvitationsLinkFromTheMailboxIsAnsweredOnce() {
        // HR e-mails the pulse; the employee opens the link in the e-mail, as the SES emulator's mailbox has it
        List<String> employee = Invitations.freshAddresses(1);
        Map<String, Object> invitation = new HashMap<>(Campaigns.credential(base, "versailles-chantiers", "pulse"));
        invitation.put("emails", employee);
        invitation.put("language", "en");
        Invitations.send(base, Api.KEY, invitation);
        SesEmulator.SentMail mail = Invitations.awaitMail(employee).get(0);
        assertThat(mail.html()).contains("href=\"" + Invitations.link(mail) + "\"");
        long before = answers("E", "versailles-chantiers");

        String link = Browser.onTestServer(base, Invitations.link(mail));
        browser.open(link);
        browser.waitForText(By.cssSelector("h1"), "Versailles Chantiers");
        fillAndSend(7, Map.of("listening", 4), null);
        browser.waitForText(By.cssSelector("h1"), "Thank you!");
        browser.screenshot("invitation-answered");
        assertThat(answers("E", "versailles-chantiers")).isEqualTo(before + 1);

        // opened again, the form looks fresh (nothing public tells who answered); sent again, it is refused
        browser.open(link);
        browser.waitForText(By.cssSelector("h1"), "Versailles Chantiers");
        fillAndSend(3, Map.of(), null);
        browser.waitForText(By.cssSelector("h1"), "This link has already been used");
        assertThat(browser.driver.findElements(By.cssSelector("form"))).isEmpty();
        assertThat(answers("E", "versailles-chantiers")).isEqualTo(before + 1);
    }

    @Test
    void hrSendsInvitationsFromItsPageAndSeesWhatWentOutButNoLink() {
        String campaignId = Campaigns.open(
                base, "annecy-vieille-ville", 20, LocalDate.now(ZoneOffset.UTC).plusDays(30));
        List<String> team = Invitations.freshAddresses(2);
        browser.open(base.toString() + "invitations/#key=" + Api.KEY);
        browser.waitFor(By.id("unitId")).sendKeys("annecy-vieille-ville");
        browser.waitFor(By.id("campaignId")).sendKeys(campaignId);
        // the second address twice, differently written: refused by the API, shown with its place
        browser.waitFor(By.id("emails"))
                .sendKeys(team.get(0) + "\n" + team.get(1) + "\n" + team.get(1).toUpperCase());
        browser.click(By.id("send"));
        browser.waitForText(By.cssSelector("#result .banner-error"), "emails[2]");
        browser.waitFor(By.id("emails")).clear();
        browser.waitFor(By.id("emails")).sendKeys(team.get(0) + "\n" + team.get(1));
        browser.click(By.id("send"));
        browser.waitForText(By.id("queued"), "2");
        browser.waitForText(By.id("status"), "2 sent, 0 pending");
        browser.screenshot("invitations-sent");
        assertThat(Invitations.awaitMail(team)).hasSize(2);
        assertThat(browser.driver.getPageSource()).doesNotContain("#t=");
    }

    /**
     * A spent link opens its form as a fresh one does (nothing public tells who answered: docs/access.md);
     * the kind page comes when it is sent again.
     */
    @Test
    void aSpentEmailLinkShowsTheKindPageWhenSentAgain() {
        String link = Browser.onTestServer(base, singleUseLink("saint-denis-basilique", "customer"));
        browser.open(link);
        browser.waitForText(By.cssSelector("h1"), "Saint-Denis Basilique");
        fillAndSend(10, Map.of("cooperation", 5), null);
        browser.waitForText(By.cssSelector("h1"), "Thank you!");

        browser.open(link);
        browser.waitForText(By.cssSelector("h1"), "Saint-Denis Basilique");
        fillAndSend(9, Map.of(), null);
        browser.waitForText(By.cssSelector("h1"), "This link has already been used");
        assertThat(browser.driver.findElements(By.cssSelector("form"))).isEmpty();
        browser.screenshot("link-spent");
    }

    @Test
    void aFailedSendIsShownInTheUsersLanguage() {
        // a spent link answered from a form that was already open: the API's refusal, shown in French
        String url = singleUseLink("saint-denis-basilique", "customer");
        String link = Browser.onTestServer(base, url);
        browser.open(link);
        browser.waitForText(By.cssSelector("h1"), "Saint-Denis Basilique");
        browser.click(By.cssSelector("#lang button[lang='fr']"));
        String token = url.substring(url.indexOf("#t=") + 3);
        Api.anonymous(base)
                .body(Answers.feedback(token))
                .post("/submitFeedback")
                .then()
                .statusCode(200);
        try {
            fillAndSend(8, Map.of(), null);
            browser.waitForText(By.cssSelector("h1"), "Ce lien a déjà été utilisé");
            browser.screenshot("link-spent-fr");
        } finally {
            // the choice is remembered for the site: the other tests read English
            browser.driver.executeScript("localStorage.clear()");
        }
    }

    @Test
    void thePosterQrCodeOpensTheUnitsForm() throws IOException, Exception {
        browser.open(base + "posters/paris-bastille.svg");
        byte[] png = browser.screenshotBytes();
        browser.screenshot("poster-paris-bastille");
        String decoded = decode(ImageIO.read(new ByteArrayInputStream(png)));
        assertThat(decoded).startsWith("https://feedback.example.test/form/#t=");

        browser.open(Browser.onTestServer(base, decoded));
        browser.waitForText(By.cssSelector("h1"), "Paris Bastille");
    }

    /** Reads a QR code from a picture, as a phone's camera app does. */
    static String decode(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(
                new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        try {
            return new QRCodeReader().decode(bitmap).getText();
        } catch (NotFoundException e) {
            throw new AssertionError("no QR code found in the poster", e);
        }
    }
}
