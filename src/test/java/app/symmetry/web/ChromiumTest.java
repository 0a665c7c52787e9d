package app.symmetry.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A browser test class: one headless Chromium, started on the class's first test (so a machine without
 * it skips or fails there, as {@link Browser#start()} decides) and closed after the class's last one.
 */
abstract class ChromiumTest {

    static Browser browser;

    @BeforeEach
    void startBrowser() {
        if (browser == null) {
            browser = Browser.start();
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
