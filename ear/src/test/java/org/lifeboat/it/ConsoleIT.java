package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium through chromedriver, headless): sign in, back up and watch
 * the progress reach 100%, dry-run and clean-restore with the typed confirmation, find it all in the audit log;
 * an operator sees no clean option and gets 403 when it forges one. Screenshots go to target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        browser = new ChromeDriver(options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(90));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String page) {
        return base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "") + "/lifeboat/" + page;
    }

    private void signIn(String user, String password) {
        browser.get(url("index.xhtml"));
        assertTrue(browser.getCurrentUrl().contains("login.xhtml"), "not signed in: sent to the sign-in page");
        browser.findElement(By.id("login:username")).sendKeys(user);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
        wait.until(d -> d.getCurrentUrl().contains("index.xhtml"));
    }

    private void screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Read in one script call: the jobs page re-renders every 1.5 s, so element handles go stale. */
    private String jobStatus(long execution) {
        return (String) ((JavascriptExecutor) browser).executeScript("var e = document.getElementById('job-"
                + execution + "'); return e ? e.getAttribute('data-status') : '';");
    }

    private String jobText(long execution) {
        return (String) ((JavascriptExecutor) browser).executeScript("var e = document.getElementById('job-"
                + execution + "'); return e ? e.innerText : '';");
    }

    private long executionFromUrl() {
        String u = browser.getCurrentUrl();
        return Long.parseLong(u.replaceAll(".*execution=(\\d+).*", "$1"));
    }

    @Test
    void an_admin_backs_up_watches_the_progress_and_runs_a_clean_restore() throws Exception {
        browser.get(url("login.xhtml"));
        screenshot("01-sign-in");
        signIn("admin", "admin-demo");
        assertTrue(browser.findElement(By.id("sources")).getText().contains("hms"));
        screenshot("02-dashboard");

        browser.findElement(By.id("nav-backups")).click();
        new Select(browser.findElement(By.id("start:source"))).selectByVisibleText("hms");
        new Select(browser.findElement(By.id("start:scope"))).selectByVisibleText("database");
        screenshot("03-backups");
        browser.findElement(By.id("start:go")).click();
        wait.until(d -> d.getCurrentUrl().contains("jobs.xhtml"));
        long backup = executionFromUrl();
        wait.until(d -> jobStatus(backup).equals("COMPLETED"));
        String job = jobText(backup);
        assertTrue(job.contains("100%"), job);
        assertTrue(job.contains("public.appointments"), "per-table progress: " + job);
        screenshot("04-jobs-progress-done");

        browser.findElement(By.id("nav-restore")).click();
        Select packages = new Select(browser.findElement(By.id("restore:package")));
        packages.getOptions().stream().filter(o -> o.getText().contains("hms database")).findFirst().orElseThrow().click();
        new Select(browser.findElement(By.id("restore-mode"))).selectByVisibleText("merge");
        browser.findElement(By.id("restore:dryrun")).click();
        wait.until(d -> !d.findElements(By.id("restore:tables")).isEmpty());
        assertTrue(browser.findElement(By.id("restore:report")).getText().contains("nothing was changed"));
        screenshot("05-restore-dry-run");

        new Select(browser.findElement(By.id("restore-mode"))).selectByVisibleText("clean");
        WebElement go = browser.findElement(By.id("restore:go"));
        assertFalse(go.isEnabled(), "the restore button stays disabled until RESTORE CLEAN is typed");
        browser.findElement(By.id("restore:confirmation")).sendKeys("RESTORE CLEA");
        assertFalse(go.isEnabled());
        browser.findElement(By.id("restore:confirmation")).sendKeys("N");
        assertTrue(go.isEnabled());
        screenshot("06-clean-restore-confirmed");
        go.click();
        wait.until(d -> d.getCurrentUrl().contains("jobs.xhtml"));
        long restore = executionFromUrl();
        wait.until(d -> jobStatus(restore).equals("COMPLETED") || jobStatus(restore).equals("FAILED"));
        assertEquals("COMPLETED", jobStatus(restore), jobText(restore));
        screenshot("07-clean-restore-done");

        browser.findElement(By.id("nav-audit")).click();
        String audit = browser.findElement(By.id("audit:entries")).getText();
        assertTrue(audit.contains("RESTORE") && audit.contains("clean") && audit.contains("BACKUP"), audit);
        assertTrue(browser.findElement(By.id("audit:chain")).getText().contains("Chain intact"));
        screenshot("08-audit");

        browser.findElement(By.id("nav-schedules")).click();
        screenshot("09-schedules");
    }

    /**
     * The sign-in page is styled before anyone signs in (its stylesheet is not sent to the sign-in page), the
     * dashboard leads with the protection card, and the audit table stays inside its card: long details wrap, and
     * the page itself never scrolls sideways.
     */
    @Test
    void the_sign_in_page_is_styled_and_the_audit_table_fits_its_card() throws Exception {
        browser.get(url("login.xhtml"));
        Object background = ((JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(document.body).backgroundColor;");
        screenshot("sign-in");
        assertEquals("rgb(244, 246, 248)", background, "the console's stylesheet (--bg) colours the sign-in page");
        signIn("auditor", "auditor-demo");
        assertTrue(browser.findElement(By.id("protection")).getText().contains("hms"), "the protection card");
        browser.get(url("audit.xhtml"));
        wait.until(d -> d.findElements(By.cssSelector("table.grid tbody tr")).size() > 0);
        screenshot("audit");
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "var t = document.querySelector('table.grid'); var card = t.closest('.card');"
                        + "return [t.getBoundingClientRect().right - card.getBoundingClientRect().right,"
                        + " document.documentElement.scrollWidth - document.documentElement.clientWidth];");
        java.util.List<?> px = (java.util.List<?>) overflow;
        assertTrue(((Number) px.get(0)).doubleValue() <= 1, "the table ends inside its card: " + px);
        assertTrue(((Number) px.get(1)).doubleValue() <= 0, "the page does not scroll sideways: " + px);
    }

    @Test
    void an_operator_sees_no_clean_option_and_a_forged_one_is_refused_with_403() throws Exception {
        signIn("operator", "operator-demo");
        browser.findElement(By.id("nav-restore")).click();
        List<String> modes = new Select(browser.findElement(By.id("restore-mode"))).getOptions().stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of("merge"), modes);
        screenshot("10-operator-restore");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('restore:mode').value = 'clean';"
                + "document.getElementById('restore:confirmation').value = 'RESTORE CLEAN';"
                + "document.getElementById('restore:go').disabled = false;");
        browser.findElement(By.id("restore:go")).click();
        wait.until(d -> d.getPageSource().contains("forbidden") || d.getPageSource().contains("403"));
        String page = browser.getPageSource();
        assertTrue(page.contains("forbidden") || page.contains("403"), "a forged clean restore is refused: " + page);
        screenshot("11-operator-forged-clean-refused");
    }
}
