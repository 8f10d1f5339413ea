package io.realcast.webhooks.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's integration guide, {@code shared/seed/webhook-integration-guide.md}, which lives beside the
 * repository ({@code <repo root>/../shared}, in development and in CI alike): its JSON examples and code.
 */
public final class SeedGuide {
  public static final String RELATIVE_PATH = "../shared/seed/webhook-integration-guide.md";

  private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

  private final String text;

  private SeedGuide(String text) {
    this.text = text;
  }

  /** Reads the guide; fails with a message saying where it was looked for. */
  public static SeedGuide load() {
    Path path = path();
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("The integration guide is missing: expected it at " + path.toAbsolutePath()
          + " (" + RELATIVE_PATH + " from the repository root " + repositoryRoot() + "); check out shared/ beside the repository");
    }
    try {
      return new SeedGuide(Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  public static Path path() {
    return repositoryRoot().resolve(RELATIVE_PATH).normalize();
  }

  /** The nearest directory upwards from the working directory that holds {@code mvnw}: the repository root. */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve("common"))) {
        return d;
      }
    }
    throw new IllegalStateException("no repository root (a directory with mvnw and common/) above " + dir);
  }

  public String text() {
    return text;
  }

  /** The contents of every fenced block with the given language tag ({@code json}, {@code javascript}), in order. */
  public List<String> codeBlocks(String language) {
    List<String> blocks = new ArrayList<>();
    Matcher m = FENCE.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(language)) {
        blocks.add(m.group(2));
      }
    }
    return blocks;
  }

  /**
   * The text of a top-level function in the guide's code, from its first line to the first line after it
   * that is not indented (a closing brace is included, a following statement is not).
   */
  public String function(String firstLinePrefix) {
    int start = text.indexOf(firstLinePrefix);
    if (start < 0) {
      throw new IllegalStateException("the guide has no function starting with " + firstLinePrefix);
    }
    String[] lines = text.substring(start).split("\n", -1);
    StringBuilder out = new StringBuilder(lines[0]).append('\n');
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.equals("}")) {
        out.append(line).append('\n');
        break;
      }
      boolean indentedOrBlank = line.isBlank() || line.startsWith(" ") || line.startsWith("\t");
      if (!indentedOrBlank) {
        break;
      }
      out.append(line).append('\n');
    }
    return out.toString().stripTrailing() + "\n";
  }
}
