package io.realcast.webhooks.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;

/** How much the router's state takes: its stores on local disk (RocksDB), and their changelogs on the broker. */
final class BenchStateSizes {
  private BenchStateSizes() {}

  /** Bytes on disk per store name, summed over tasks (window stores' segments included). */
  static Map<String, Long> onDisk(Path stateDir, String applicationId) {
    Map<String, Long> sizes = new TreeMap<>();
    Path app = stateDir.resolve(applicationId);
    if (!Files.isDirectory(app)) {
      return sizes;
    }
    try (Stream<Path> tasks = Files.list(app)) {
      for (Path task : tasks.filter(Files::isDirectory).toList()) {
        for (String kind : new String[] {"rocksdb", "."}) {
          Path base = task.resolve(kind);
          if (!Files.isDirectory(base)) {
            continue;
          }
          try (Stream<Path> stores = Files.list(base)) {
            for (Path store : stores.filter(Files::isDirectory).toList()) {
              if (!store.getFileName().toString().equals("rocksdb")) {
                sizes.merge(store.getFileName().toString(), bytes(store), Long::sum);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sizes;
  }

  /** Bytes of each changelog topic of {@code applicationId} on the broker, by store name. */
  static Map<String, Long> changelogs(Admin admin, String applicationId) throws Exception {
    Map<String, Long> sizes = new TreeMap<>();
    String prefix = applicationId + "-";
    for (Node node : admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)) {
      Map<String, LogDirDescription> dirs = admin.describeLogDirs(List.of(node.id())).descriptions()
          .get(node.id()).get(30, TimeUnit.SECONDS);
      dirs.values().forEach(dir -> dir.replicaInfos().forEach((tp, info) -> {
        if (tp.topic().startsWith(prefix) && tp.topic().endsWith("-changelog")) {
          String store = tp.topic().substring(prefix.length(), tp.topic().length() - "-changelog".length());
          sizes.merge(store, info.size(), Long::sum);
        }
      }));
    }
    return sizes;
  }

  private static long bytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0; // a file RocksDB removed meanwhile
        }
      }).sum();
    }
  }
}
