package io.realcast.webhooks.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the integration guide's own receivers, as real {@code node} and {@code python3} processes, over
 * many bodies in one process each: what the seed's Node.js receiver turns a body into
 * ({@code JSON.stringify(JSON.parse(body))}) and whether its {@code verifySignature} and the Python
 * {@code verify_webhook_signature} accept a signature.
 */
public final class SeedReceivers {
  private static final long TIMEOUT_SECONDS = 120;

  private SeedReceivers() {}

  /** One receiver check: the raw body as posted, the X-RealCast-Signature header and the subscriber's secret. */
  public record SeedCase(byte[] body, String signature, String secret) {}

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

  /** {@code Buffer.from(JSON.stringify(JSON.parse(body)))} for each body, computed by node. */
  public static List<byte[]> nodeRestringify(List<byte[]> bodies) {
    List<String> lines = new ArrayList<>();
    bodies.forEach(b -> lines.add(Base64.getEncoder().encodeToString(b)));
    List<String> out = run("node", "restringify.js", lines);
    List<byte[]> results = new ArrayList<>();
    for (String line : out) {
      if (line.startsWith("error:")) {
        throw new IllegalStateException("node could not parse a body: " + line);
      }
      results.add(Base64.getDecoder().decode(line));
    }
    return results;
  }

  public static byte[] nodeRestringify(byte[] body) {
    return nodeRestringify(List.of(body)).get(0);
  }

  /** The guide's Node.js {@code verifySignature(JSON.stringify(req.body), signature, secret)} for each case. */
  public static List<Verdict> nodeVerify(List<SeedCase> cases) {
    return run("node", "seed-verify.js", caseLines(cases)).stream().map(Verdict::of).toList();
  }

  /** The guide's Python {@code verify_webhook_signature(raw body as text, signature, secret)} for each case. */
  public static List<Verdict> pythonVerify(List<SeedCase> cases) {
    return run("python3", "seed_verify.py", caseLines(cases)).stream().map(Verdict::of).toList();
  }

  private static List<String> caseLines(List<SeedCase> cases) {
    List<String> lines = new ArrayList<>();
    for (SeedCase c : cases) {
      ObjectNode node = Json.MAPPER.createObjectNode();
      node.put("body", Base64.getEncoder().encodeToString(c.body()));
      node.put("signature", c.signature());
      node.put("secret", c.secret());
      lines.add(new String(Json.toBytes(node), StandardCharsets.UTF_8));
    }
    return lines;
  }

  private static List<String> run(String interpreter, String script, List<String> inputLines) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("seed-receiver");
      Path scriptFile = dir.resolve(script);
      try (InputStream in = SeedReceivers.class.getResourceAsStream(script)) {
        if (in == null) {
          throw new IllegalStateException("missing test resource " + script);
        }
        Files.copy(in, scriptFile, StandardCopyOption.REPLACE_EXISTING);
      }
      Path input = dir.resolve("input.txt");
      Files.writeString(input, String.join("\n", inputLines) + "\n", StandardCharsets.UTF_8);
      Path output = dir.resolve("output.txt");
      Path errors = dir.resolve("errors.txt");
      Process process;
      try {
        process = new ProcessBuilder(interpreter, scriptFile.toString(), input.toString())
            .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot run " + interpreter + " (it must be on PATH for these tests): " + e.getMessage(), e);
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(interpreter + " " + script + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(interpreter + " " + script + " exited with " + process.exitValue() + ": "
            + Files.readString(errors, StandardCharsets.UTF_8));
      }
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
      if (lines.size() != inputLines.size()) {
        throw new IllegalStateException(interpreter + " " + script + " answered " + lines.size() + " lines for "
            + inputLines.size() + " inputs; stderr: " + Files.readString(errors, StandardCharsets.UTF_8));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + interpreter, e);
    } finally {
      deleteQuietly(dir);
    }
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
