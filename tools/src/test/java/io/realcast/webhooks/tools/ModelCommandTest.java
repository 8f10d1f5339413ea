package io.realcast.webhooks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `realcast bench model`: the plans table, and the check of a run's p99 against the prediction. */
class ModelCommandTest {
  private static final String FANOUT = "{\"shape\":{\"fanout\":10},\"phases\":["
      + "{\"name\":\"fanout capacity\",\"kind\":\"capacity\",\"load\":{\"healthyPerSecond\":4000},\"cpu\":{\"delivererMicrosPerAttemptWithoutJit\":250}},"
      + "{\"name\":\"fanout light latency\",\"kind\":\"latency\",\"load\":{\"offeredEventsPerSecond\":20},\"latency\":{\"p50Millis\":100,\"p99Millis\":200}},"
      + "{\"name\":\"fanout latency\",\"kind\":\"latency\",\"load\":{\"offeredEventsPerSecond\":320},\"latency\":{\"p50Millis\":150,\"p99Millis\":330}}],"
      + "\"deliverers\":[{\"peakHeapUsedMiB\":200}]}";
  private static final String BROKER = "{\"brokerCpuSecondsPerThousandDeliveries\":0.1,\"bytesPerDelivery\":{\"events\":50,"
      + "\"deliveries\":600,\"attempts\":300,\"retry\":650,\"dead\":700,\"changelogs\":20}}";

  @TempDir Path dir;

  private record Run(int exit, String out) {}

  private Run run(String... args) throws Exception {
    Files.writeString(dir.resolve("fanout.json"), FANOUT);
    Files.writeString(dir.resolve("broker.json"), BROKER);
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new RealcastToolsCli());
    cli.setOut(new PrintWriter(out));
    String[] all = new String[args.length + 6];
    all[0] = "bench";
    all[1] = "model";
    all[2] = "--reference";
    all[3] = dir.resolve("fanout.json").toString();
    all[4] = "--broker";
    all[5] = dir.resolve("broker.json").toString();
    System.arraycopy(args, 0, all, 6, args.length);
    return new Run(cli.execute(all), out.toString());
  }

  @Test
  void shouldPrintOneColumnPerRawEventRate() throws Exception {
    Run r = run("--events", "1000,10000", "--mix", "99%:20ms,1%:2s");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("| | 1,000 raw events/s | 10,000 raw events/s |")
        .contains("| deliveries/s | 10,000 | 100,000 |")
        .contains("| deliverers (for CPU / for requests in flight) | 4 (4 / 1) | 36 (36 / 4) |")
        .contains("| KEDA lagThreshold per deliverer | 28,000 | 28,000 |")
        .contains("0.100 broker CPU-seconds per 1,000 deliveries, peak deliverer heap 200 MiB.");
  }

  @Test
  void shouldLeaveOutTheBrokerRowsWithoutABrokerMeasurement() throws Exception {
    Files.writeString(dir.resolve("fanout.json"), FANOUT);
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new RealcastToolsCli());
    cli.setOut(new PrintWriter(out));

    int exit = cli.execute("bench", "model", "--reference", dir.resolve("fanout.json").toString(), "--broker",
        dir.resolve("missing.json").toString(), "--events", "1000");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("| deliverers (for CPU / for requests in flight) | 4 (4 / 1) |")
        .doesNotContain("broker cores").doesNotContain("broker CPU-seconds").doesNotContain("retained")
        .contains("No broker measurement (bench/measure-broker.sh)");
  }

  @Test
  void shouldCheckARunsLatencyPhasesAndFailBeyondTwentyFivePercent(@TempDir Path runs) throws Exception {
    Path close = runs.resolve("close.json");
    Files.writeString(close, "{\"shape\":{\"fanout\":10},\"phases\":[{\"name\":\"fanout capacity\",\"kind\":\"capacity\","
        + "\"load\":{\"healthyPerSecond\":4000}},{\"name\":\"fanout latency\",\"kind\":\"latency\",\"load\":{\"offeredEventsPerSecond\":200},"
        + "\"latency\":{\"p99Millis\":300}}]}", StandardCharsets.UTF_8);
    Path far = runs.resolve("far.json");
    Files.writeString(far, Files.readString(close).replace("300}", "600}"), StandardCharsets.UTF_8);

    Run ok = run("--check", close.toString());
    Run off = run("--check", far.toString());

    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).contains("| fanout latency | 0.50 | 278 | 300 | 0.93 | yes |");
    assertThat(off.exit()).isEqualTo(1);
    assertThat(off.out()).contains("| **no** |");
  }
}
