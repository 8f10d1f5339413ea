package io.realcast.webhooks.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model's arithmetic, worked by hand for round figures (the comments show the sums). */
class CapacityModelTest {
  static final Measured MEASURED = new Measured(4000, 200, 40_000, 0.1, new TopicBytes(50, 600, 300, 650, 700, 20),
      List.of(new LatencyPoint(0.05, 100, 200), new LatencyPoint(0.8, 150, 330)));
  static final Assumptions ASSUME = new Assumptions(0.7, 1, 2048, 2, 8, 0.5, 4e12, 0.6, 5e6, 3, Duration.ofDays(7),
      Duration.ofSeconds(10));

  private static Workload thousandEventsFanOutTen(String mix, double failing) {
    return new Workload(1000, 10, LatencyClass.parseMix(mix), failing, 4);
  }

  @Test
  void shouldSizeDeliverersRoutersPartitionsAndBrokersForTenThousandDeliveriesPerSecond() {
    Plan p = CapacityModel.plan(MEASURED, thousandEventsFanOutTen("99%:20ms,1%:2s", 0), ASSUME);

    assertThat(p.deliveriesPerSecond()).isEqualTo(10_000);
    assertThat(p.deliverersForCpu()).as("10,000 / (4,000 × 0.7) = 3.57").isEqualTo(4);
    assertThat(p.inFlight()).as("10,000 × (0.99 × 0.02 s + 0.01 × 2 s)").isCloseTo(398, within(1e-6));
    assertThat(p.deliverersForInFlight()).as("398 / (2048 / 2)").isEqualTo(1);
    assertThat(p.deliverers()).isEqualTo(4);
    assertThat(p.utilization()).isCloseTo(0.625, within(1e-9));
    assertThat(p.routers()).as("10,000 / (40,000 × 2 × 0.7) = 0.18").isEqualTo(1);
    assertThat(p.partitions()).as("max(2 × 4, 2 × 1 × 2 threads, 6 MB/s / 5 MB/s), rounded up to 12").isEqualTo(12);
    assertThat(p.brokerCores()).as("10 × 0.1 × 3 replicas").isCloseTo(3.0, within(1e-9));
    // 7 days × 3 replicas: events 0.5 MB/s, deliveries 6 MB/s, attempts 3 MB/s; the changelogs keep one day.
    assertThat(p.retainedBytes().get("realcast.deliveries")).isCloseTo(6e6 * 604_800 * 3, within(1.0));
    assertThat(p.retainedBytes().get("router changelogs")).isCloseTo(2e5 * 86_400 * 3, within(1.0));
    assertThat(p.totalRetainedBytes()).isCloseTo(17.28864e12, within(1e3));
    assertThat(p.brokers()).as("disk: 17.3 TB / (4 TB × 0.6) = 7.2").isEqualTo(8);
    assertThat(p.lagThreshold()).as("4,000/s × 0.7 × 10 s").isEqualTo(28_000);
  }

  @Test
  void shouldReadThePipelinesLatencyOffTheCurveAndAddTheEndpoints() {
    Plan fast = CapacityModel.plan(MEASURED, thousandEventsFanOutTen("100%:20ms", 0), ASSUME);
    Plan slowOnePercent = CapacityModel.plan(MEASURED, thousandEventsFanOutTen("99%:20ms,1%:2s", 0), ASSUME);

    // ρ = 0.625 lies 0.7667 of the way from 0.05 to 0.8: p50 100 → 150, p99 200 → 330.
    assertThat(fast.arrivalP50Millis()).isCloseTo(138.333, within(1e-3));
    assertThat(fast.arrivalP99Millis()).isCloseTo(299.667, within(1e-3));
    // Every endpoint 20 ms: the p99 to the answer is the pipeline's p99 + 20 ms.
    assertThat(fast.answeredP99Millis()).isCloseTo(319.667, within(0.01));
    // 1 % at 2 s: the p99 sits where the slow class starts, its 2 s + the pipeline's shortest (the exponential's shift).
    double mean = (299.667 - 138.333) / Math.log(50);
    double shift = 138.333 - mean * Math.log(2);
    assertThat(slowOnePercent.answeredP99Millis()).isCloseTo(2000 + shift, within(0.5));
  }

  @Test
  void shouldGrowTheLatencyAsAQueuePastTheLastMeasuredPoint() {
    double[] at90 = CapacityModel.pipelineQuantiles(MEASURED.curve(), 0.9);
    double[] below = CapacityModel.pipelineQuantiles(MEASURED.curve(), 0.01);

    assertThat(at90[1]).as("330 × (1 − 0.8) / (1 − 0.9)").isCloseTo(660, within(1e-9));
    assertThat(below).containsExactly(100, 200);
    assertThat(CapacityModel.pipelineQuantiles(MEASURED.curve(), 1.0)[1]).isInfinite();
  }

  @Test
  void shouldCountRetriesOfFailingEndpointsAsAttemptsAndTheirRecords() {
    Workload w = thousandEventsFanOutTen("100%:20ms", 0.01);

    Plan p = CapacityModel.plan(MEASURED, w, ASSUME);

    assertThat(w.attemptsPerSecond()).as("10,000 + 1 % × 3 retries").isCloseTo(10_300, within(1e-9));
    assertThat(p.retainedBytes().get("realcast.deliveries.retry.*")).isCloseTo(100 * 3 * 650.0 * 604_800 * 3, within(1.0));
    assertThat(p.retainedBytes().get("realcast.deliveries.dead")).isCloseTo(100 * 700.0 * 604_800 * 3, within(1.0));
  }

  @Test
  void shouldNeedMoreDeliverersWhenSlowEndpointsHoldTheirSlots() {
    Plan p = CapacityModel.plan(MEASURED, new Workload(100, 10, LatencyClass.parseMix("50%:10ms,50%:8s"), 0, 4), ASSUME);

    assertThat(p.inFlight()).as("1,000 × 0.5 × 8 s + …").isCloseTo(4005, within(1e-6));
    assertThat(p.deliverersForCpu()).isEqualTo(1);
    assertThat(p.deliverersForInFlight()).as("4,005 / 1,024").isEqualTo(4);
    assertThat(p.deliverers()).isEqualTo(4);
  }

  @Test
  void shouldCheckEachLatencyPhaseOfARunAgainstTheReferenceCurve() {
    JsonNode run = Json.readTree(("{\"shape\":{\"fanout\":10},\"phases\":["
        + "{\"name\":\"fanout capacity\",\"kind\":\"capacity\",\"load\":{\"healthyPerSecond\":4000}},"
        + "{\"name\":\"fanout latency\",\"kind\":\"latency\",\"load\":{\"offeredEventsPerSecond\":200},\"latency\":{\"p99Millis\":300}},"
        + "{\"name\":\"noisy latency\",\"kind\":\"latency\",\"load\":{\"offeredEventsPerSecond\":200},\"latency\":{\"p99Millis\":3000}}]}")
        .getBytes(StandardCharsets.UTF_8));

    List<CapacityModel.Check> checks = CapacityModel.check(MEASURED, run);
    assertThat(checks).as("a noisy phase's endpoint mix is not the pipeline's").extracting(CapacityModel.Check::phase)
        .containsExactly("fanout latency");
    CapacityModel.Check check = checks.get(0);

    assertThat(check.utilization()).isCloseTo(0.5, within(1e-9));
    assertThat(check.predictedP99Millis()).as("200 + 0.6 × 130").isCloseTo(278, within(1e-9));
    assertThat(check.ratio()).isCloseTo(278.0 / 300, within(1e-9));
    assertThat(check.within(0.25)).isTrue();
    assertThat(new CapacityModel.Check("x", 0.5, 400, 300).within(0.25)).isFalse();
  }

  @Test
  void shouldTakeTheMeasuredFiguresFromABenchRunAndABrokerMeasurement() {
    JsonNode fanout = Json.readTree(("{\"shape\":{\"fanout\":10},\"phases\":["
        + "{\"name\":\"fanout capacity\",\"kind\":\"capacity\",\"load\":{\"healthyPerSecond\":4000},\"cpu\":{\"delivererMicrosPerAttemptWithoutJit\":250}},"
        + "{\"name\":\"fanout latency\",\"kind\":\"latency\",\"load\":{\"offeredEventsPerSecond\":320},\"latency\":{\"p50Millis\":150,\"p99Millis\":330}},"
        + "{\"name\":\"fanout light latency\",\"kind\":\"latency\",\"load\":{\"offeredEventsPerSecond\":20},\"latency\":{\"p50Millis\":100,\"p99Millis\":200}}],"
        + "\"deliverers\":[{\"peakHeapUsedMiB\":215.9}]}").getBytes(StandardCharsets.UTF_8));
    JsonNode broker = Json.readTree(("{\"brokerCpuSecondsPerThousandDeliveries\":0.12,\"bytesPerDelivery\":{\"events\":40,"
        + "\"deliveries\":500,\"attempts\":200,\"retry\":0,\"dead\":0,\"changelogs\":30}}").getBytes(StandardCharsets.UTF_8));

    Measured m = Measured.fromRuns(fanout, broker);

    assertThat(m.delivererPerCpuSecond()).as("1e6 / 250 µs").isCloseTo(4000, within(1e-9));
    assertThat(m.delivererPeakHeapMiB()).isEqualTo(215.9);
    assertThat(m.curve()).containsExactly(new LatencyPoint(0.05, 100, 200), new LatencyPoint(0.8, 150, 330));
    assertThat(m.brokerCpuSecondsPerThousand()).isEqualTo(0.12);
    assertThat(m.bytes().deliveries()).isEqualTo(500);
  }

  @Test
  void shouldRefuseAMixThatDoesNotAddUp() {
    assertThatThrownBy(() -> LatencyClass.parseMix("90%:20ms,5%:2s")).hasMessageContaining("add up to 100%");
    assertThatThrownBy(() -> LatencyClass.parseMix("90:20ms")).hasMessageContaining("like 99%:20ms");
    assertThat(LatencyClass.parseMix("99.5%:1.5ms,0.5%:2s")).extracting(LatencyClass::latency)
        .containsExactly(Duration.ofNanos(1_500_000), Duration.ofSeconds(2));
  }
}
