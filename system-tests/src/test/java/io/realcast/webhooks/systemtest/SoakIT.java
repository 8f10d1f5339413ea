package io.realcast.webhooks.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.systemtest.harness.Figures;
import io.realcast.webhooks.systemtest.harness.ForkedBrokerExtension;
import io.realcast.webhooks.systemtest.harness.Metrics;
import io.realcast.webhooks.systemtest.harness.Publisher;
import io.realcast.webhooks.systemtest.harness.ScenarioInfo;
import io.realcast.webhooks.systemtest.harness.ScenarioRun;
import io.realcast.webhooks.systemtest.harness.ServiceProcess;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import io.realcast.webhooks.topic.RetrySchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The soak, a benchmark rather than a test of the default suite: steady load for {@code -Dsoak.minutes} (default 3)
 * with one SIGKILL per minute (deliverer 1, router, deliverer 2, in turn), sampling every service's heap (from
 * /metrics) and open file descriptors ({@code /proc/<pid>/fd}) every 5 seconds into
 * {@code target/reliability/soak.csv}. Run:
 * {@code ./mvnw -B verify -pl system-tests -am -Dsoak=true -Dtest=none -Dit.test=SoakIT -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(ForkedBrokerExtension.class)
@EnabledIfSystemProperty(named = "soak", matches = "true")
class SoakIT {
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
  private static final Duration KILL_EVERY = Duration.ofMinutes(1);

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void shouldKeepHeapAndFileDescriptorsFlatUnderSteadyLoadWithAKillEveryMinute(ForkedKafkaBroker broker) throws Exception {
    int minutes = Integer.getInteger("soak.minutes", 3);
    Duration length = Duration.ofMinutes(minutes);
    try (ScenarioRun run = new ScenarioRun(ScenarioInfo.SOAK, "sk", broker.bootstrapServers(), RetrySchedule.parse("1s,2s,4s"))) {
      List<AppId> apps = run.seedStandardSubscriptions(2);
      ServiceProcess router = run.sut().startRouter("router", Map.of());
      ServiceProcess first = run.sut().startDeliverer("deliverer-1", Map.of());
      ServiceProcess second = run.sut().startDeliverer("deliverer-2", Map.of());
      List<ServiceProcess> services = List.of(first, router, second);
      for (ServiceProcess s : services) {
        run.sut().awaitHealthy(s, Duration.ofSeconds(120));
      }
      // About 40 events a second: 8 streams of 5 events per cycle.
      List<RawEvent> events = run.load(apps, 4, minutes * 60);
      CompletableFuture<Void> publication = run.publish(events, length);

      StringBuilder csv = new StringBuilder("seconds,service,pid,heap_mib,open_fds,delivered\n");
      long start = System.nanoTime();
      long nextKill = start + KILL_EVERY.toNanos();
      int kills = 0;
      while (!publication.isDone()) {
        long now = System.nanoTime();
        for (ServiceProcess s : services) {
          if (s.isAlive()) {
            double heap = Metrics.scrape(run.sut().http(), s).heapUsedBytes();
            csv.append((now - start) / 1_000_000_000L).append(',').append(s.name()).append(',').append(s.pid()).append(',')
                .append(heap < 0 ? "" : Long.toString((long) heap >> 20)).append(',').append(openFds(s.pid())).append(',')
                .append(run.ledger().deliveredHealthy()).append('\n');
          }
        }
        if (now >= nextKill) {
          ServiceProcess victim = services.get(kills++ % services.size());
          victim.kill();
          victim.start();
          nextKill += KILL_EVERY.toNanos();
        }
        LockSupport.parkNanos(SAMPLE_EVERY.toNanos()); // the sampling period, not a wait for a condition
      }
      Publisher.await(publication, Duration.ofSeconds(60));
      run.awaitAllDelivered(Duration.ofMinutes(3));
      Path file = Figures.directory().resolve("soak.csv");
      Files.createDirectories(file.getParent());
      Files.writeString(file, csv, StandardCharsets.UTF_8);

      run.figures().put("minutes", minutes).put("kills", kills).put("samples", "target/reliability/soak.csv");
      summarise(run.figures(), csv.toString());
      run.verify();
      for (ServiceProcess s : services) {
        assertThat(s.isAlive()).as(s.name()).isTrue();
      }
      assertNoDescriptorLeak(csv.toString());
    }
  }

  /** First, last and highest heap and descriptor count per service, from the samples. */
  private static void summarise(Figures figures, String csv) {
    Map<String, List<String[]>> byService = csv.lines().skip(1).map(l -> l.split(",", -1))
        .collect(Collectors.groupingBy(f -> f[1], TreeMap::new, Collectors.toList()));
    byService.forEach((service, rows) -> {
      figures.put(service + " heap MiB first/last/max", rows.get(0)[3] + "/" + rows.get(rows.size() - 1)[3] + "/"
          + rows.stream().filter(r -> !r[3].isEmpty()).mapToLong(r -> Long.parseLong(r[3])).max().orElse(-1));
      figures.put(service + " fds first/last/max", rows.get(0)[4] + "/" + rows.get(rows.size() - 1)[4] + "/"
          + rows.stream().mapToLong(r -> Long.parseLong(r[4])).max().orElse(-1));
    });
  }

  /** Each service ends with no more than twice (plus 100) the descriptors it started with: a leak would grow without bound. */
  private static void assertNoDescriptorLeak(String csv) {
    Map<String, List<String[]>> byService = csv.lines().skip(1).map(l -> l.split(",", -1))
        .collect(Collectors.groupingBy(f -> f[1]));
    byService.forEach((service, rows) -> {
      long first = Long.parseLong(rows.get(0)[4]);
      long last = Long.parseLong(rows.get(rows.size() - 1)[4]);
      assertThat(last).as(service + " open descriptors at the end, having started with " + first)
          .isLessThanOrEqualTo(Math.max(2 * first, first + 100));
    });
  }

  private static long openFds(long pid) {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.count();
    } catch (IOException | UncheckedIOException e) {
      return -1; // the process is gone between listing and counting
    }
  }
}
