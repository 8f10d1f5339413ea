package io.realcast.webhooks.api;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for the dashboard tests, named explicitly so Selenium Manager never downloads anything,
 * and what those tests ask of a page. Tests using it are skipped when chromium is not installed.
 */
final class Chromium {
  private static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /** Skips the calling test unless chromium and chromedriver are installed. */
  static void assumeInstalled() {
    Assumptions.assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
        "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
  }

  static ChromeDriver start(Path profile) {
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1100,1400", "--user-data-dir=" + profile.resolve("chromium")));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1100, 1400));
    return driver;
  }

  /** Ids of visible inputs and selects that no label names (screen readers could not announce them). */
  @SuppressWarnings("unchecked")
  static List<Object> unlabelledControls(WebDriver browser) {
    return (List<Object>) ((ChromeDriver) browser).executeScript(
        "return [...document.querySelectorAll('input, select')].filter(e => e.type !== 'hidden' && e.labels.length === 0)"
            + ".map(e => e.id || e.name || e.outerHTML);");
  }

  /** Sets an input's value as the page's script sees it (a datetime-local field takes no portable keystrokes). */
  static void setValue(WebDriver browser, By input, String value) {
    ((ChromeDriver) browser).executeScript("arguments[0].value = arguments[1];", browser.findElement(input), value);
  }

  /** Where screenshots go: target/screenshots, or docs/screenshots with {@code -Drealcast.update.screenshots=true}. */
  static Path screenshotDirectory() throws Exception {
    Path dir = Boolean.getBoolean("realcast.update.screenshots") ? Path.of("..", "docs", "screenshots") : Path.of("target", "screenshots");
    return Files.createDirectories(dir);
  }

  /** A screenshot from the top of the page, or scrolled to {@code from} (null: the top). */
  static void screenshot(WebDriver browser, Path dir, String name, By from) throws Exception {
    if (from == null) {
      ((ChromeDriver) browser).executeScript("window.scrollTo(0, 0)");
    } else {
      ((ChromeDriver) browser).executeScript("arguments[0].scrollIntoView(true)", browser.findElement(from));
    }
    byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
  }
}
