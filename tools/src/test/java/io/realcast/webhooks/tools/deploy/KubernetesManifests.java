package io.realcast.webhooks.tools.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.testing.ReceiverPrograms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An overlay of deploy/kubernetes rendered offline by {@code kubectl kustomize} (Debian's kubernetes-client, which
 * .ci/run installs), as the list of resources it applies.
 */
final class KubernetesManifests {
  static final Path ROOT = DeployFiles.root().resolve("deploy/kubernetes");

  private final String overlay;
  private final List<JsonNode> resources;

  private KubernetesManifests(String overlay, List<JsonNode> resources) {
    this.overlay = overlay;
    this.resources = List.copyOf(resources);
  }

  /** Skips the calling test when kubectl is missing, outside CI (CI installs it and must not skip). */
  static void assumeKubectl() {
    assumeTrue(ReceiverPrograms.onPath("kubectl") || "true".equals(System.getenv("CI")),
        "kubectl is not installed (Debian package kubernetes-client; .ci/run installs it)");
  }

  static KubernetesManifests render(String overlay) {
    Path dir = ROOT.resolve("overlays").resolve(overlay);
    try {
      Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
      Path err = Files.createTempFile("kustomize-" + overlay, ".err");
      try {
        Process p;
        try {
          p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
          throw new AssertionError("kubectl cannot be run (Debian package kubernetes-client; .ci/run installs it): " + e.getMessage(), e);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("kubectl kustomize " + dir + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
          throw new AssertionError("kubectl kustomize " + dir + " failed: " + Files.readString(err, StandardCharsets.UTF_8));
        }
        List<JsonNode> docs = new ArrayList<>();
        DeployFiles.YAML.readerFor(JsonNode.class).readValues(out.toFile()).forEachRemaining(n -> {
          if (n instanceof JsonNode node && !node.isNull()) {
            docs.add(node);
          }
        });
        return new KubernetesManifests(overlay, docs);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  String overlay() {
    return overlay;
  }

  List<JsonNode> all() {
    return resources;
  }

  List<JsonNode> of(String kind) {
    return resources.stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
  }

  Optional<JsonNode> find(String kind, String name) {
    return of(kind).stream().filter(r -> r.path("metadata").path("name").asText().equals(name)).findFirst();
  }

  JsonNode get(String kind, String name) {
    return find(kind, name).orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
  }

  /** Deployments, StatefulSets and Jobs: what runs pods. */
  List<JsonNode> workloads() {
    return resources.stream().filter(r -> List.of("Deployment", "StatefulSet", "Job").contains(r.path("kind").asText())).toList();
  }

  /** The workloads that run the realcast image. */
  List<JsonNode> realcastWorkloads() {
    return workloads().stream().filter(w -> container(w).path("image").asText().startsWith("realcast")).toList();
  }

  static JsonNode container(JsonNode workload) {
    return workload.path("spec").path("template").path("spec").path("containers").path(0);
  }

  static String name(JsonNode resource) {
    return resource.path("metadata").path("name").asText();
  }

  /** The realcast subcommand a workload runs. */
  static String command(JsonNode workload) {
    return container(workload).path("args").path(0).asText();
  }

  /** Every environment variable a container gets: its own, and every key of the ConfigMaps and Secrets it loads whole. */
  List<String> environment(JsonNode workload) {
    JsonNode c = container(workload);
    List<String> names = new ArrayList<>();
    c.path("env").forEach(e -> names.add(e.path("name").asText()));
    for (JsonNode from : c.path("envFrom")) {
      if (from.has("configMapRef")) {
        get("ConfigMap", from.path("configMapRef").path("name").asText()).path("data").fieldNames().forEachRemaining(names::add);
      }
      if (from.has("secretRef")) {
        find("Secret", from.path("secretRef").path("name").asText())
            .ifPresent(s -> s.path("data").fieldNames().forEachRemaining(names::add));
      }
    }
    return names;
  }

  /** The value a container's environment gives {@code name}: its own env first, then its ConfigMaps; null if none. */
  String value(JsonNode workload, String name) {
    JsonNode c = container(workload);
    for (JsonNode e : c.path("env")) {
      if (e.path("name").asText().equals(name) && e.has("value")) {
        return e.path("value").asText();
      }
    }
    for (JsonNode from : c.path("envFrom")) {
      if (from.has("configMapRef")) {
        JsonNode data = get("ConfigMap", from.path("configMapRef").path("name").asText()).path("data");
        if (data.has(name)) {
          return data.path(name).asText();
        }
      }
    }
    return null;
  }
}
