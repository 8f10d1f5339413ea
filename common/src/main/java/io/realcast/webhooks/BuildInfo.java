package io.realcast.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version this build was made from (filtered in by Maven), for User-Agent and --version. */
public final class BuildInfo {
  private static final String VERSION = load();

  private BuildInfo() {}

  public static String version() {
    return VERSION;
  }

  /** {@code RealCast-Webhooks/<version>}, the User-Agent of every webhook request. */
  public static String userAgent() {
    return "RealCast-Webhooks/" + VERSION;
  }

  private static String load() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
