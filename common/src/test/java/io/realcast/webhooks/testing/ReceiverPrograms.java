package io.realcast.webhooks.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.json.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the signature code of the example receivers in {@code examples/receivers} as real {@code node},
 * {@code python3} and {@code php} processes, over many cases in one process each: what the Node.js receiver
 * turns a body into ({@code JSON.stringify(JSON.parse(body))}) and whether each receiver's check accepts a
 * signature. Where an interpreter is missing the test is skipped, except in CI ({@code CI=true}), which
 * installs all three.
 */
public final class ReceiverPrograms {
  private static final long TIMEOUT_SECONDS = 120;

  private ReceiverPrograms() {}

  /** One receiver check: the raw body as posted, the X-RealCast-Signature header and the subscriber's secret. */
  public record SignedCase(byte[] body, String signature, String secret) {}

  /** What a receiver's check said. */
  public enum Verdict {
    VERIFIED,
    REJECTED,
    /** The check threw, e.g. Node's timingSafeEqual on buffers of different lengths: a rejection too. */
    THREW;

    static Verdict of(String line) {
      return switch (line) {
        case "true" -> VERIFIED;
        case "false" -> REJECTED;
        default -> {
          if (line.startsWith("throw:")) {
            yield THREW;
          }
          throw new IllegalStateException("unexpected receiver output: " + line);
        }
      };
    }
  }

  /** The example receivers: how to run each one's batch checker, and its HTTP server. */
  public enum Language {
    NODE("node", "node", List.of("cases.js", "verify"), List.of("server.js"), "Receiver listening on"),
    PYTHON("python", "python3", List.of("cases.py"), List.of("receiver.py"), "Receiver listening on"),
    PHP("php", "php", List.of("cases.php"), List.of("-S", "127.0.0.1:%d", "receiver.php"), "Development Server");

    private final String directory;
    private final String interpreter;
    private final List<String> arguments;
    private final List<String> server;
    private final String readyLine;

    Language(String directory, String interpreter, List<String> arguments, List<String> server, String readyLine) {
      this.directory = directory;
      this.interpreter = interpreter;
      this.arguments = arguments;
      this.server = server;
      this.readyLine = readyLine;
    }

    /**
     * The command that starts the receiver's HTTP server on 127.0.0.1:{@code port}; it reads {@code WEBHOOK_SECRET},
     * {@code PORT} and {@code HOST} from the environment ({@link #serverEnvironment}).
     */
    public List<String> serverCommand(int port) {
      List<String> command = new ArrayList<>();
      command.add(interpreter);
      server.forEach(a -> command.add(a.replace("%d", Integer.toString(port))));
      return command;
    }

    public static Map<String, String> serverEnvironment(int port, String secret) {
      return Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1", "WEBHOOK_SECRET", secret);
    }

    /** What the server prints once it accepts requests. */
    public String readyLine() {
      return readyLine;
    }

    /** Whether the program and, for Node.js, its npm packages are installed. */
    public boolean installed() {
      return onPath(interpreter) && (this != NODE || Files.isDirectory(directory().resolve("node_modules/express")));
    }

    /** The receiver's directory, {@code examples/receivers/<language>}. */
    public Path directory() {
      return RepositoryFiles.path("examples/receivers/" + directory);
    }

    public String interpreter() {
      return interpreter;
    }

    /** Skips the calling test when the interpreter is missing, outside CI. */
    public void assumeInstalled() {
      assumeTrue(onPath(interpreter) || "true".equals(System.getenv("CI")),
          interpreter + " is not installed (.ci/run installs it)");
    }
  }

  /** {@code Buffer.from(JSON.stringify(JSON.parse(body)))} for each body, computed by node. */
  public static List<byte[]> nodeRestringify(List<byte[]> bodies) {
    List<String> lines = new ArrayList<>();
    bodies.forEach(b -> lines.add(Base64.getEncoder().encodeToString(b)));
    List<byte[]> results = new ArrayList<>();
    for (String line : run(Language.NODE, List.of("node", "cases.js", "restringify"), lines)) {
      if (line.startsWith("error:")) {
        throw new IllegalStateException("node could not parse a body: " + line);
      }
      results.add(Base64.getDecoder().decode(line));
    }
    return results;
  }

  /** The receiver's own signature check for each case, as the receiver runs it on a request. */
  public static List<Verdict> verify(Language language, List<SignedCase> cases) {
    List<String> command = new ArrayList<>();
    command.add(language.interpreter);
    command.addAll(language.arguments);
    return run(language, command, caseLines(cases)).stream().map(Verdict::of).toList();
  }

  private static List<String> caseLines(List<SignedCase> cases) {
    List<String> lines = new ArrayList<>();
    for (SignedCase c : cases) {
      ObjectNode node = Json.MAPPER.createObjectNode();
      node.put("body", Base64.getEncoder().encodeToString(c.body()));
      node.put("signature", c.signature());
      node.put("secret", c.secret());
      lines.add(new String(Json.toBytes(node), StandardCharsets.UTF_8));
    }
    return lines;
  }

  private static List<String> run(Language language, List<String> command, List<String> inputLines) {
    language.assumeInstalled();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("receiver-cases");
      Path input = dir.resolve("input.txt");
      Files.writeString(input, String.join("\n", inputLines) + "\n", StandardCharsets.UTF_8);
      Path output = dir.resolve("output.txt");
      Path errors = dir.resolve("errors.txt");
      List<String> full = new ArrayList<>(command);
      full.add(input.toString());
      Process process = new ProcessBuilder(full).directory(language.directory().toFile())
          .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(full + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      String stderr = Files.readString(errors, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(full + " exited with " + process.exitValue() + ": " + stderr);
      }
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
      if (lines.size() != inputLines.size()) {
        throw new IllegalStateException(full + " answered " + lines.size() + " lines for " + inputLines.size()
            + " inputs; stderr: " + stderr);
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } finally {
      deleteQuietly(dir);
    }
  }

  /** True when {@code program} is an executable in a directory of {@code PATH}. */
  public static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // A leftover temp file is harmless.
    }
  }
}
