package io.realcast.webhooks.systemtest.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.testkit.Ledger;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The common shape of a ledger scenario: an installation, a healthy receiver, the standard subscriptions,
 * a paced publication of a known load, then the ledger's verdict written as figures and asserted.
 */
public final class ScenarioRun implements AutoCloseable {
  private final ScenarioInfo info;
  private final String tag;
  private final SystemUnderTest sut;
  private final Ledger ledger = new Ledger();
  private final Figures figures;
  private final ScriptedReceiver receiver;
  private final Publisher publisher;

  /** @param tag a short id fragment ([a-z0-9]) naming this scenario's apps, streams, events and webhooks */
  public ScenarioRun(ScenarioInfo info, String tag, String bootstrap, RetrySchedule retries) {
    this.info = info;
    this.tag = tag;
    this.figures = new Figures(info);
    this.sut = new SystemUnderTest(info.id(), bootstrap, retries);
    this.receiver = ScriptedReceiver.start().onRequest(ledger::record);
    this.publisher = new Publisher(sut.kafka(), ledger);
  }

  public SystemUnderTest sut() {
    return sut;
  }

  public Ledger ledger() {
    return ledger;
  }

  public Figures figures() {
    return figures;
  }

  public ScriptedReceiver receiver() {
    return receiver;
  }

  public Publisher publisher() {
    return publisher;
  }

  public String tag() {
    return tag;
  }

  /** {@code apps} apps with the standard healthy subscriptions, written to realcast.webhooks. */
  public List<AppId> seedStandardSubscriptions(int apps) {
    List<AppId> ids = Subscriptions.apps(tag, apps);
    Subscriptions.seed(sut, ledger, Subscriptions.standard(tag, ids, webhook -> receiver.url(Ledger.path(webhook)), false));
    return ids;
  }

  public List<RawEvent> load(List<AppId> apps, int streamsPerApp, int cycles) {
    return LoadPlan.streams(tag, apps, streamsPerApp, cycles, Instant.now());
  }

  public CompletableFuture<Void> publish(List<RawEvent> events, Duration over) {
    return publisher.publish(events, over);
  }

  /** A router and a deliverer, each its own JVM. */
  public record Pipeline(ServiceProcess router, ServiceProcess deliverer) {}

  /** A router and a deliverer with default settings, each healthy. */
  public Pipeline startPipeline() {
    Pipeline pipeline = new Pipeline(sut.startRouter("router", Map.of()), sut.startDeliverer("deliverer", Map.of()));
    sut.awaitHealthy(pipeline.router(), Duration.ofSeconds(90));
    sut.awaitHealthy(pipeline.deliverer(), Duration.ofSeconds(60));
    return pipeline;
  }

  /**
   * The kill scenarios' common shape: router and deliverer up, the standard load of {@code apps} published over
   * 8 s, and the service {@code victim} picks SIGKILLed once a third of the deliveries have arrived, then
   * restarted; returns when every expected delivery has arrived.
   */
  public Pipeline killMidLoadAndRestart(List<AppId> apps, Function<Pipeline, ServiceProcess> victim, Duration drain) {
    return killMidLoadAndRestart(apps, victim, drain, 0);
  }

  /** As above, with every {@code duplicateEvery}-th raw event published twice (0: none). */
  public Pipeline killMidLoadAndRestart(List<AppId> apps, Function<Pipeline, ServiceProcess> victim, Duration drain,
      int duplicateEvery) {
    Pipeline pipeline = startPipeline();
    CompletableFuture<Void> publication = publisher.publish(load(apps, 3, 25), Duration.ofSeconds(8), duplicateEvery);
    Deadline.await("a third of the deliveries", Duration.ofSeconds(60), () -> ledger.deliveredHealthy() > 600);
    figures.put("delivered before the kill", ledger.deliveredHealthy());
    ServiceProcess killed = victim.apply(pipeline);
    killed.kill();
    killed.start();
    Publisher.await(publication, Duration.ofSeconds(60));
    awaitAllDelivered(drain);
    return pipeline;
  }

  /** Waits until every receiver that must get everything has, showing progress and the services' logs on failure. */
  public void awaitAllDelivered(Duration timeout) {
    Deadline.await("every expected delivery at the receivers", timeout, ledger::allHealthyArrived,
        () -> ledger.deliveredHealthy() + "/" + ledger.expectedHealthy() + " delivered\n"
            + sut.services().stream().map(s -> "--- " + s + "\n" + s.logTail(15)).collect(Collectors.joining("\n")));
  }

  /** Reads the dead letters, records the ledger's figures, and asserts nothing was lost, forged or left unexplained. */
  public Ledger.Report verify() {
    Ledger.Report report = ledger.report(Records.deadLetters(sut));
    figures.ledger(report);
    long[] healthy = Records.attempts(sut).stream()
        .filter(a -> ledger.endpoints().stream().anyMatch(e -> e.webhook().equals(a.webhookId()) && !e.mayFail()))
        .mapToLong(a -> a.attempt().latencyMillis()).sorted().toArray();
    figures.put("attempt ms p50/p99/max (healthy receivers)",
        percentile(healthy, 50) + "/" + percentile(healthy, 99) + "/" + percentile(healthy, 100));
    sut.services().forEach(s -> figures.put(s.name() + " pids", s.pids().size()));
    figures.write();
    assertThat(report.missing()).as(report.summary()).isEmpty();
    assertThat(report.unexpected()).as(report.summary()).isEmpty();
    assertThat(report.unexplainedDeadLetters()).as(report.summary()).isEmpty();
    assertThat(report.badSignatures()).as(report.summary()).isZero();
    assertThat(report.changedRepeats()).as("a repeated delivery carries the same bytes: " + report.summary()).isEmpty();
    return report;
  }

  /** The {@code p}th percentile of sorted values (nearest rank), -1 when there are none. */
  public static long percentile(long[] sorted, int p) {
    return sorted.length == 0 ? -1 : sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
  }

  /** Asserts each service still runs as the one process it started as. */
  public void assertNeverRestarted(ServiceProcess... services) {
    for (ServiceProcess s : services) {
      assertThat(s.isAlive()).as(s + " alive\n" + s.logTail(30)).isTrue();
      assertThat(s.pids()).as(s + " restarted").hasSize(1);
    }
  }

  @Override
  public void close() {
    publisher.close();
    receiver.close();
    sut.close();
  }

  @Override
  public String toString() {
    return info.id() + " " + sut;
  }
}
