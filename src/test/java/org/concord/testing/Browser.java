package org.concord.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.concord.party.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} driven through {@code chromedriver}, which
 * {@code .ci/run} installs) for the console's tests, and what every one of them does with it: log
 * in as a role, wait for an element, take a screenshot under {@code target/screenshots/}. The
 * node's certificate is self-signed (pinned by partners, not issued by a CA the browser knows), so
 * certificate errors are ignored. Close it when done.
 */
public final class Browser implements AutoCloseable {

    /**
     * How long a test waits for an open page to show, without a reload, what a partner's delivery brought. The console's
     * aim is 2 s from delivery; that is a speed, so it is measured ({@link #live}, figures in BENCHMARKS.md), never
     * asserted: on a loaded CI machine a page took over 2 s once and failed the suite. A page that updates only when
     * reloaded still fails, as the tests also check that the document is the same one.
     */
    public static final java.time.Duration LIVE = java.time.Duration.ofSeconds(20);

    /** Reports how long {@code what} took to reach an open page, since {@code sinceNanos}, on the test's output. */
    public static long live(String what, long sinceNanos) {
        long ms = (System.nanoTime() - sinceNanos) / 1_000_000;
        System.out.println("[live] " + what + ": " + ms + " ms from delivery to the open page");
        return ms;
    }

    /**
     * Debian's {@code chromium-headless-shell}: the same Chromium, built for headless use only (Chromium's old headless
     * mode), without the browser's own user interface that {@code chromium --headless=new} still runs, for about a
     * quarter less CPU a test (BENCHMARKS.md, "The suite's CPU"); {@code .ci/run} installs it. Its binary, not the
     * script in /usr/bin, which a driver's quit does not reach. Without it, {@code chromium --headless=new}.
     */
    private static final File HEADLESS_SHELL = new File("/usr/lib/chromium/chromium-headless-shell");

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(int width, int height) {
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(HEADLESS_SHELL.canExecute() ? HEADLESS_SHELL.getPath() : "/usr/bin/chromium");
        if (!HEADLESS_SHELL.canExecute()) {
            options.addArguments("--headless=new");
        }
        options.addArguments("--no-sandbox", "--disable-dev-shm-usage", "--ignore-certificate-errors",
                "--window-size=" + width + "," + height, "--lang=en");
        driver = new ChromeDriver(service, options);
    }

    /**
     * Browsers closed by a test class and kept for the next one in this JVM. Starting Chromium and its first page cost
     * some 4-5 s of CPU each, about twenty times a suite on a machine whose two cores the suite keeps busy; a browser
     * given back is cleared first (its cookies, so no session survives, and the page), and one that cannot be cleared
     * is quit instead (the console keeps nothing in the browser's storage). Those left at the end are quit when the JVM exits.
     */
    private static final java.util.Deque<Browser> IDLE = new java.util.ArrayDeque<>();
    private static final java.util.List<Browser> STARTED = new java.util.ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            java.util.List<Browser> all;
            synchronized (IDLE) {
                all = new java.util.ArrayList<>(STARTED);
            }
            all.forEach(Browser::quit);
        }, "browsers-quit"));
    }

    /** A browser with a window of this size, with no cookies and no page open: one given back by an earlier test, or a new one. */
    public static Browser open(int width, int height) {
        while (true) {
            Browser kept;
            synchronized (IDLE) {
                kept = IDLE.poll();
            }
            if (kept == null) {
                break;
            }
            try {
                kept.driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
                return kept;
            } catch (RuntimeException e) {
                kept.quit();
            }
        }
        Browser started = new Browser(width, height);
        synchronized (IDLE) {
            STARTED.add(started);
        }
        return started;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Forgets the session at {@code node}: its cookies are deleted. */
    public void logOutOf(TestNode node) {
        driver.get(node.url() + "/login");
        driver.manage().deleteAllCookies();
    }

    /** Logs in at {@code node}'s console as its user of {@code role}; returns once the desk shows that role. */
    public void logIn(TestNode node, Role role) {
        logIn(node.url(), node.username(role), node.password(role));
        assertThat(driver.findElement(By.id("roles")).getText()).isEqualTo(role.name());
    }

    /** Logs in at the console at {@code url} (a node's base URL); returns once the desk shows. */
    public void logIn(String url, String username, String password) {
        driver.get(url + "/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/console/desk"));
    }

    /** The element, once visible, within {@code atMost}. */
    public WebElement waitFor(Duration atMost, By what) {
        return new WebDriverWait(driver, atMost, Duration.ofMillis(50)).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    /**
     * The desk's alarm of this kind ({@code data-kind}), reloading the desk the browser shows until it is there (up to
     * 15 s): some of its sources are read at most every few seconds.
     */
    public WebElement deskAlarm(String kind) {
        By found = By.cssSelector("#alarms li.alarm[data-kind='" + kind + "']");
        new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofSeconds(1)).until(d -> {
            if (d.findElements(found).isEmpty()) {
                d.navigate().refresh();
            }
            return !d.findElements(found).isEmpty();
        });
        return waitFor(Duration.ofSeconds(5), found);
    }

    /**
     * Runs axe-core (the WCAG checks of Deque's {@code axe.min.js}, from its Maven artifact) on the
     * page the browser shows, and fails with each serious or critical violation: its rule, its help
     * and the elements it found. Moderate and minor findings are returned, not failed.
     */
    @SuppressWarnings("unchecked")
    public java.util.List<String> assertAccessible(String page) {
        JavascriptExecutor js = driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            js.executeScript(axeScript());
        }
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v =>
                    ({id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' '))}))),
                  e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));""");
        java.util.List<String> serious = new java.util.ArrayList<>();
        java.util.List<String> other = new java.util.ArrayList<>();
        for (java.util.Map<String, Object> v : (java.util.List<java.util.Map<String, Object>>) result) {
            String line = v.get("impact") + " " + v.get("id") + ": " + v.get("help") + " " + v.get("nodes");
            ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact")) ? serious : other).add(line);
        }
        assertThat(serious).as("axe-core's serious and critical violations on " + page).isEmpty();
        return other;
    }

    /**
     * The page as a tablet shows it: the window is narrowed to 800 px, the page must not scroll
     * sideways and must pass {@link #assertAccessible} at that width; saved as {@code name}. The
     * window's size is put back after.
     */
    public void assertFitsAtTabletWidth(String name) throws Exception {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1000));
            new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> ((Number) driver.executeScript("return window.innerWidth;"))
                    .intValue() <= 800);
            Object overflow = driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).as("sideways overflow of " + name + " at 800 px").isLessThanOrEqualTo(0);
            assertAccessible(name);
            screenshot(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /**
     * From now on, the answers to this page's live reads (a case page's or another page's live part, the desk's
     * fragment) reach the page only at {@link #releaseLiveReads}, as on a slow network: the request goes out and the
     * server answers at once, but the page sees the answer later. Also starts counting the case events the page hears
     * ({@link #heard}). Lasts until the page is left.
     */
    public void holdLiveReads() {
        driver.executeScript("""
                if (window.concordHolding !== undefined) { window.concordHolding = true; return; }
                window.concordHolding = true;
                window.concordHeld = [];
                window.concordHeard = [];
                document.addEventListener('concord:case', function (e) { window.concordHeard.push(e.detail.messageType || ''); });
                var open = XMLHttpRequest.prototype.open;
                XMLHttpRequest.prototype.open = function (method, url) {
                  this.concordUrl = String(url);
                  return open.apply(this, arguments);
                };
                var send = XMLHttpRequest.prototype.send;
                XMLHttpRequest.prototype.send = function () {
                  var xhr = this;
                  var onload = xhr.onload;
                  if (onload && /\\/live|\\/desk\\/cases/.test(xhr.concordUrl || '')) {
                    xhr.onload = function () {
                      var args = arguments;
                      if (window.concordHolding) {
                        window.concordHeld.push(function () { onload.apply(xhr, args); });
                      } else {
                        onload.apply(xhr, args);
                      }
                    };
                  }
                  return send.apply(this, arguments);
                };
                window.concordRelease = function () {
                  window.concordHolding = false;
                  var held = window.concordHeld;
                  window.concordHeld = [];
                  held.forEach(function (f) { f(); });
                };""");
    }

    /** How many answers to live reads {@link #holdLiveReads} holds back now. */
    public int heldLiveReads() {
        return ((Number) driver.executeScript("return window.concordHeld ? window.concordHeld.length : 0;")).intValue();
    }

    /** Lets the held answers reach the page, in the order they came, and every later one at once. */
    public void releaseLiveReads() {
        driver.executeScript("window.concordRelease();");
    }

    /** Whether the page heard a case event for a message of this type since {@link #holdLiveReads}. */
    public boolean heard(String messageType) {
        return heardCount(messageType) > 0;
    }

    /** How many case events for messages of this type the page heard since {@link #holdLiveReads}. */
    public int heardCount(String messageType) {
        return ((Number) driver.executeScript(
                "var type = arguments[0]; return (window.concordHeard || []).filter(function (t) { return t === type; }).length;", messageType))
                .intValue();
    }

    /**
     * Runs {@code check} on what a live page shows, again from the start if the page replaced the elements it was looking
     * at meanwhile: a change heard during a read makes one more read ({@code console.js}), which may replace a row the
     * check had found. Up to five times.
     */
    public static void onStable(Runnable check) {
        for (int attempt = 1; ; attempt++) {
            try {
                check.run();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                if (attempt == 5) {
                    throw replaced;
                }
            }
        }
    }

    private static String axe;

    private static synchronized String axeScript() {
        if (axe == null) {
            try (var in = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
                axe = new String(java.util.Objects.requireNonNull(in, "axe.min.js (com.deque.html.axe-core:selenium)").readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return axe;
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    public void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Gives the browser back for the next test, its cookies deleted (every site's) and its page blank. */
    @Override
    public void close() {
        try {
            driver.get("about:blank");
            driver.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
        } catch (RuntimeException e) {
            quit();
            return;
        }
        synchronized (IDLE) {
            if (!IDLE.contains(this)) {
                IDLE.push(this);
            }
        }
    }

    private void quit() {
        synchronized (IDLE) {
            IDLE.remove(this);
            STARTED.remove(this);
        }
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // already gone
        } finally {
            service.stop();
        }
    }
}
