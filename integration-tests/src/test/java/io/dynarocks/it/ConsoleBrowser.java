package io.dynarocks.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven through Selenium,
 * pointed at one server's console. Each instance has a fresh profile, removed on close.
 *
 * <p>Screenshots go to {@code target/console-screenshots}; with {@code -Ddynarocks.console.screenshots=DIR}
 * (the README's command for refreshing {@code docs/console/}) to that folder as well.
 */
final class ConsoleBrowser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final URI endpoint;

    ConsoleBrowser(URI endpoint) {
        this.endpoint = endpoint;
        Path chromium = SystemPackages.require("chromium", "chromium", "chromium-driver");
        Path chromedriver = SystemPackages.require("chromedriver", "chromium", "chromium-driver");
        try {
            profile = Files.createTempDirectory("dynarocks-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1360,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // The driver binary is given, so Selenium Manager never looks for (or downloads) one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1360, 900));
    }

    private int loads;

    /** Loads a console page afresh, e.g. {@code open("#/tables")} (a new query string, so never just a hash change). */
    void open(String route) {
        driver.get(endpoint + "/console?load=" + (++loads) + route);
    }

    WebElement waitFor(By locator) {
        return until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    WebElement clickable(By locator) {
        return until(ExpectedConditions.elementToBeClickable(locator));
    }

    /** Waits for {@code condition}; on timeout the failure shows the page's text and the browser's console. */
    <T> T until(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(e.getMessage().lines().findFirst().orElse("timeout") + "\n--- page:\n"
                    + driver.findElement(By.tagName("body")).getText() + "\n--- browser console:\n" + consoleLog(), e);
        }
    }

    void click(By locator) {
        clickable(locator).click();
    }

    /** Replaces the text of an input or text area. */
    void type(By locator, String text) {
        WebElement input = waitFor(locator);
        input.clear();
        input.sendKeys(text);
    }

    /** Sets a text area's (or input's) value as typing would, without sending every key. */
    void setText(By locator, String text) {
        script("const e = arguments[0]; e.value = arguments[1]; e.dispatchEvent(new Event('input', {bubbles: true}));",
                waitFor(locator), text);
    }

    /** Waits until the element's text contains {@code text}. */
    void waitForText(By locator, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    void waitUntil(java.util.function.Function<ChromeDriver, Boolean> condition) {
        until(d -> condition.apply(driver));
    }

    List<WebElement> all(By locator) {
        return driver.findElements(locator);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** The browser's console messages so far, for a failing test's message. */
    String consoleLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(Object::toString).collect(Collectors.joining("\n"));
    }

    /** Saves a screenshot of the page as {@code name}.png. */
    void screenshot(String name) {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        try {
            Path dir = Path.of("target", "console-screenshots");
            Files.createDirectories(dir);
            Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            String docs = System.getProperty("dynarocks.console.screenshots");
            if (docs != null && !docs.isBlank()) {
                Files.createDirectories(Path.of(docs));
                Files.copy(shot, Path.of(docs).resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
