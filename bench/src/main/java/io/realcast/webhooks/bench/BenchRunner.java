package io.realcast.webhooks.bench;

import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.topic.RetrySchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario: the ceiling first, then (except for {@code ceiling}) the pipeline through
 * warm-up, the scenario's measured phases and a drain that closes the ledger; writes the results.
 */
public final class BenchRunner {
  private static final Logger LOG = LoggerFactory.getLogger(BenchRunner.class);
  /** The capacity guess used to size backlogs before anything is measured: the lower target. */
  private static final double GUESS_OF_CEILING = 0.3;
  /** The light-load latency phase runs at this fraction of the measured capacity. */
  private static final double LIGHT_LOAD = 0.05;

  /** The longest the closing ledger waits beyond the drain timeout for slow and failing endpoints. */
  private static final Duration DRAIN_EXTRA = Duration.ofMinutes(10);
  /** ... and only while they make progress: none for this long ends the wait. */
  private static final Duration DRAIN_STALL = Duration.ofSeconds(60);
  /** Longest wait for an earlier phase's slow and failing deliveries before a phase that compares with it. */
  private static final Duration SETTLE_MAX = Duration.ofSeconds(150);

  private final BenchOptions options;
  private final Clock clock;
  private final List<BenchReport.Phase> phases = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private Timeline timeline;
  private ReceiverFleet receivers;
  private Pipeline pipeline;
  private LoadGenerator generator;
  private BenchEvents events;
  private CeilingRun.Result ceiling;
  private DeliveryLedger deliveryLedger;

  public BenchRunner(BenchOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  /** Runs the scenario and writes JSON, Markdown and PNG under the output directory; returns the report. */
  public BenchReport run() throws Exception {
    System.setProperty("java.awt.headless", "true");
    Instant started = clock.instant();
    String loadAtStart = MachineInfo.loadAverage();
    timeline = new Timeline(System.nanoTime());
    String runId = Long.toString(started.toEpochMilli(), 36);
    BenchLayout layout = options.layout();
    BenchReport.Ledger ledger = null;
    List<BenchReport.Deliverer> deliverers = List.of();
    BenchReport.Retries retries = null;
    events = new BenchEvents(layout, runId, options.scenario() == Scenario.SINGLE, options.scenario() == Scenario.NOISY);
    receivers = ReceiverFleet.start(events.ports(), 2, timeline, RetrySchedule.DEFAULT, options.endpointDelay());
    try {
      Duration ceilingWarmup = options.ceilingDuration().dividedBy(3);
      LOG.info("Ceiling: {} in flight for {} (+{} warm-up)", options.inFlight(), options.ceilingDuration(), ceilingWarmup);
      double ceilingStart = timeline.secondsAt(System.nanoTime());
      ceiling = CeilingRun.run(receivers, options.inFlight(), ceilingWarmup, options.ceilingDuration());
      phases.add(new BenchReport.Phase("ceiling", "ceiling", 0,
          new BenchReport.Load(0, ceiling.requests(), ceiling.requests(), ceiling.requests(), ceiling.seconds(),
              ceiling.requestsPerSecond(), 1.0),
          new BenchReport.Latency(ceiling.p50Millis(), 0, ceiling.p99Millis(), 0, 0), BenchReport.Cpu.NONE, Map.of(), ceilingStart,
          timeline.secondsAt(System.nanoTime())));
      LOG.info("Ceiling: {} requests/s (p99 {} ms)", round(ceiling.requestsPerSecond()), ceiling.p99Millis());
      if (options.scenario() != Scenario.CEILING) {
        pipeline = new Pipeline(options, runId);
        try {
          ledger = runPipeline(layout);
          deliverers = delivererFigures();
          retries = retryFigures();
        } finally {
          pipeline.close();
        }
      }
    } finally {
      receivers.close();
    }
    BenchReport report = new BenchReport(options.label(), started.toString(), clock.instant().toString(), options.command(),
        MachineInfo.describe(loadAtStart), shape(layout), ceiling, List.copyOf(phases), ledger, deliverers, retries,
        Targets.evaluate(options.scenario(), ceiling, phases, ledger, deliverers, retries, singleWebhook()), List.copyOf(notes),
        timeline.seconds(System.nanoTime()));
    ResultWriter.write(report, options.outputDir(), options.label());
    return report;
  }

  private BenchReport.Ledger runPipeline(BenchLayout layout) throws Exception {
    double guess = Math.max(20, ceiling.requestsPerSecond() * GUESS_OF_CEILING / layout.subsPerApp());
    int capacity = scheduleCapacity(guess);
    EventSchedule schedule = new EventSchedule(capacity);
    deliveryLedger = new DeliveryLedger(capacity);
    receivers.track(schedule, deliveryLedger);
    pipeline.start(events.subscriptions(receivers, clock.instant()), deliveryLedger);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pipeline.kafka().producerProperties("bench-load"))) {
      generator = new LoadGenerator(producer, pipeline.kafka().topics().events(), events, schedule, clock);
      warmUp(guess, options.warmup(), BenchEvents.Audience.FANOUT);
      if (options.scenario() == Scenario.NOISY) {
        // The ordered webhooks' code paths get their JIT warm-up too, while every endpoint is still healthy.
        warmUp(guess, options.warmup().dividedBy(3), BenchEvents.Audience.ORDERED);
      }
      switch (options.scenario()) {
        case FANOUT -> fanout(guess, "fanout");
        case NOISY -> noisy(guess, layout);
        case SCALE -> scale(guess);
        case SINGLE -> single(guess);
        case CEILING -> throw new IllegalStateException("the ceiling has no pipeline");
      }
      return drain(layout);
    }
  }

  private double fanout(double guess, String name) throws InterruptedException {
    BenchReport.Phase capacity = capacity(name + " capacity", guess, BenchEvents.Audience.FANOUT);
    double eventsPerSecond = capacity.load().healthyPerSecond() / options.layout().subsPerApp();
    // The floor: latency with almost no load is what the pipeline adds by construction (commit intervals,
    // fetch waits), apart from queueing.
    latency(name + " light latency", Math.max(1, eventsPerSecond * LIGHT_LOAD), options.steady().dividedBy(2));
    latency(name + " latency", options.steadyEventsPerSecond(eventsPerSecond), options.steady());
    return eventsPerSecond;
  }

  /** The fan-out phases with every endpoint healthy, then the same phases with 5% slow and 5% failing endpoints. */
  private void noisy(double guess, BenchLayout layout) throws InterruptedException {
    double fanoutEventsPerSecond = fanout(guess, "fanout");
    int slow = 0;
    int failing = 0;
    for (int p = 0; p < layout.ports(); p++) {
      EndpointBehaviour b = BenchLayout.noisyBehaviour(p);
      receivers.behave(p, b);
      slow += b == EndpointBehaviour.SLOW ? 1 : 0;
      failing += b == EndpointBehaviour.FAILING ? 1 : 0;
    }
    notes.add(slow + " of " + layout.ports() + " receiver ports answer after " + ReceiverFleet.SLOW_DELAY.toSeconds()
        + " s, " + failing + " always answer 503; healthy figures count only the other ports");
    // Each phase starts from where its fan-out twin started: the burst from a settled pipeline, and the latency phase
    // from a settled one too (not amid the burst's retries and slow backlog), then warm at its own load, so that it
    // is measured with compiled code (retries, deferrals and the slow share run only now) and with the retries that
    // steady failures bring. The same offered load as the fan-out latency phase: the two p99s compare like for like.
    BenchReport.Phase unordered = capacity("noisy capacity", guess, BenchEvents.Audience.FANOUT);
    settle("the noisy latency phase", SETTLE_MAX);
    double noisyRate = options.steadyEventsPerSecond(fanoutEventsPerSecond);
    warmUpAt(noisyRate, options.steady(), BenchEvents.Audience.FANOUT);
    latency("noisy latency", noisyRate, options.steady());
    // The same endpoints behind ordered twins of the apps: what keeping each stream in order costs, from the same
    // starting point as the unordered phase (not while earlier phases' retries and slow backlog still drain).
    settle("the ordered phase", SETTLE_MAX);
    BenchReport.Phase ordered = capacity("noisy ordered capacity", guess, BenchEvents.Audience.ORDERED,
        options.burst().dividedBy(3));
    notes.add(String.format(Locale.ROOT, "ordered webhooks (each stream in order behind its gate) delivered %.0f healthy/s "
        + "against %.0f/s unordered on the same noisy endpoints: %.2f ×", ordered.load().healthyPerSecond(),
        unordered.load().healthyPerSecond(), ordered.load().healthyPerSecond() / Math.max(1e-9, unordered.load().healthyPerSecond())));
  }

  private void scale(double guess) throws Exception {
    BenchReport.Phase one = capacity("1 deliverer capacity", guess, BenchEvents.Audience.FANOUT);
    pipeline.addDeliverer();
    warmUp(guess, options.warmup().dividedBy(2), BenchEvents.Audience.FANOUT);
    BenchReport.Phase two = capacity("2 deliverers capacity", guess, BenchEvents.Audience.FANOUT);
    notes.add(String.format(Locale.ROOT, "scale-out: 2 deliverer JVMs deliver %.2f × what 1 does (%.0f/s against %.0f/s), "
        + "%.1f against %.1f µs deliverer CPU per attempt",
        two.load().healthyPerSecond() / Math.max(1e-9, one.load().healthyPerSecond()), two.load().healthyPerSecond(),
        one.load().healthyPerSecond(), two.cpu().delivererMicrosPerAttempt(), one.cpu().delivererMicrosPerAttempt()));
  }

  /**
   * One webhook alone: the fan-out capacity first (the yardstick), then a backlog for the lone webhook with a fast
   * receiver, then one for the lone webhook whose receiver answers after the endpoint delay.
   */
  private void single(double guess) throws InterruptedException {
    notes.add("the router's per-app quota is off in this scenario (REALCAST_ROUTER_APP_EVENTS_PER_SECOND=0): with its "
        + "default of 2,000 raw events/s per partition, one app on 8 streams is held at about 8,000 events/s by the router");
    BenchReport.Phase fan = capacity("fanout capacity", guess, BenchEvents.Audience.FANOUT);
    BenchReport.Phase fast = capacity("single capacity", fan.load().healthyPerSecond(), BenchEvents.Audience.SINGLE);
    receivers.behave(events.singlePort(BenchEvents.Audience.SINGLE_DELAYED), EndpointBehaviour.DELAYED);
    Targets.SingleWebhook delayed = singleWebhook();
    BenchReport.Phase slow = capacity("single delayed capacity", delayed.bestPerSecond(), BenchEvents.Audience.SINGLE_DELAYED);
    notes.add(String.format(Locale.ROOT, "single: one webhook alone delivered %.0f/s with a fast receiver (%.2f × the fan-out "
        + "capacity of %.0f/s) and %.0f/s with a receiver answering after %d ms (%.2f × its best, %d in flight ÷ the delay)",
        fast.load().healthyPerSecond(), fast.load().healthyPerSecond() / Math.max(1e-9, fan.load().healthyPerSecond()),
        fan.load().healthyPerSecond(), slow.load().healthyPerSecond(), options.endpointDelay().toMillis(),
        slow.load().healthyPerSecond() / delayed.bestPerSecond(), delayed.maxInFlight()));
  }

  /**
   * The delayed lone webhook's best rate follows from the most the deliverer lets one webhook have in flight: the
   * adaptive limit's ceiling (its default), which an endpoint answering as fast with more should reach.
   */
  private Targets.SingleWebhook singleWebhook() {
    return new Targets.SingleWebhook(DelivererConfig.MAX_IN_FLIGHT_PER_WEBHOOK_CEILING.defaultValue(), options.endpointDelay());
  }

  private BenchReport.Retries retryFigures() {
    LatencyHistogram all = receivers.retryLateness();
    List<BenchReport.RetryAttempt> byAttempt = new ArrayList<>();
    receivers.retryLatenessByAttempt().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> byAttempt.add(new BenchReport.RetryAttempt(e.getKey(), e.getValue().count(),
            e.getValue().quantile(0.5) / 1000.0, e.getValue().quantile(0.99) / 1000.0, e.getValue().max() / 1000.0)));
    return new BenchReport.Retries(all.count(), receivers.earlyRetries(), all.quantile(0.5) / 1000.0,
        all.quantile(0.99) / 1000.0, all.max() / 1000.0, List.copyOf(byAttempt));
  }

  private void warmUp(double guess, Duration duration, BenchEvents.Audience audience) throws InterruptedException {
    warmUpAt(guess * 0.5, duration, audience);
  }

  /** Open loop at {@code rate} events/s, not measured: the JIT compiles what the load exercises. */
  private void warmUpAt(double rate, Duration duration, BenchEvents.Audience audience) throws InterruptedException {
    LoadGenerator.Range range = generator.reserve(rate, duration);
    events.aim(range, audience);
    LOG.info("Warm-up: {} events at {}/s", range.count(), round(rate));
    PhaseProbe probe = watch(range);
    double startSecond = timeline.secondsAt(System.nanoTime());
    generator.produce(range, rate);
    awaitHealthy(probe, expectedHealthy(range), Duration.ofSeconds(60));
    // Shown on the chart; not a measurement.
    double endSecond = timeline.secondsAt(System.nanoTime());
    phases.add(new BenchReport.Phase("warm-up", "warmup", pipeline.deliverers().size(),
        new BenchReport.Load(round2(rate), range.count(), expectedHealthy(range), probe.healthy(), round2(endSecond - startSecond), 0, 0),
        BenchReport.Latency.NONE, BenchReport.Cpu.NONE, Map.of(), round2(startSecond), round2(endSecond)));
  }

  /**
   * Throughput: a backlog of about {@code burst} seconds at the guessed rate (events/s), aimed at {@code audience},
   * produced at once, then drained as fast as the pipeline can; the rate is taken between 10% and 90% of its healthy
   * deliveries.
   */
  private BenchReport.Phase capacity(String name, double guess, BenchEvents.Audience audience) throws InterruptedException {
    return capacity(name, guess, audience, options.burst());
  }

  private BenchReport.Phase capacity(String name, double guess, BenchEvents.Audience audience, Duration burst)
      throws InterruptedException {
    LoadGenerator.Range range = generator.reserve(guess, burst);
    events.aim(range, audience);
    long expected = expectedHealthy(range);
    PhaseProbe probe = watch(range);
    Usage before = usage();
    double startSecond = timeline.secondsAt(System.nanoTime());
    LOG.info("{}: backlog of {} events ({} healthy deliveries)", name, range.count(), expected);
    generator.produce(range, guess * 50);
    List<long[]> samples = new ArrayList<>();
    long deadline = System.nanoTime() + burst.multipliedBy(10).plusSeconds(60).toNanos();
    while (probe.healthy() < expected && System.nanoTime() < deadline) {
      samples.add(new long[] {System.nanoTime(), probe.healthy()});
      TimeUnit.MILLISECONDS.sleep(20); // sampling period of the delivery curve
    }
    samples.add(new long[] {System.nanoTime(), probe.healthy()});
    Usage after = usage();
    double rate = rateBetween(samples, expected, 0.1, 0.9);
    BenchReport.Phase phase = phase(name, "capacity", range, guess * 50, expected, probe, rate, before, after, startSecond,
        (samples.get(samples.size() - 1)[0] - samples.get(0)[0]) / 1e9);
    LOG.info("{}: {} healthy deliveries/s ({} of the ceiling), {} µs deliverer CPU per attempt ({} without the JIT compiler)",
        name, round(rate), String.format(Locale.ROOT, "%.2f", phase.load().ratioToCeiling()),
        round(phase.cpu().delivererMicrosPerAttempt()), round(phase.cpu().delivererMicrosPerAttemptWithoutJit()));
    phases.add(phase);
    return phase;
  }

  /** Latency: open-loop at {@code eventsPerSecond} for the steady duration; latency from schedule to arrival. */
  private BenchReport.Phase latency(String name, double eventsPerSecond, Duration duration) throws InterruptedException {
    LoadGenerator.Range range = generator.reserve(eventsPerSecond, duration);
    events.aim(range, BenchEvents.Audience.FANOUT);
    long expected = expectedHealthy(range);
    PhaseProbe probe = watch(range);
    Usage before = usage();
    double startSecond = timeline.secondsAt(System.nanoTime());
    LOG.info("{}: {} events/s open loop for {}", name, round(eventsPerSecond), duration);
    generator.produce(range, eventsPerSecond);
    awaitHealthy(probe, expected, Duration.ofSeconds(60));
    Usage after = usage();
    double seconds = duration.toNanos() / 1e9;
    BenchReport.Phase phase = phase(name, "latency", range, eventsPerSecond, expected, probe, probe.healthy() / seconds,
        before, after, startSecond, seconds);
    LOG.info("{}: p50 {} ms, p99 {} ms, max {} ms", name, phase.latency().p50Millis(), phase.latency().p99Millis(),
        phase.latency().maxMillis());
    phases.add(phase);
    return phase;
  }

  private BenchReport.Phase phase(String name, String kind, LoadGenerator.Range range, double offered, long expected,
      PhaseProbe probe, double healthyPerSecond, Usage before, Usage after, double startSecond, double seconds) {
    LatencyHistogram h = probe.latency();
    long attempts = after.attempts - before.attempts;
    double cpuMicros = attempts > 0 ? (after.cpuNanos - before.cpuNanos) / 1000.0 / attempts : 0;
    double compilerMicros = attempts > 0 ? (after.compilerNanos - before.compilerNanos) / 1000.0 / attempts : 0;
    long ours = after.cpuNanos - before.cpuNanos + after.benchCpuNanos - before.benchCpuNanos;
    double allMicros = attempts > 0 ? ours / 1000.0 / attempts : 0;
    double capacityNanos = (after.at - before.at) * (double) Runtime.getRuntime().availableProcessors();
    double othersShare = capacityNanos > 0 ? Math.max(0, (after.machineBusyNanos - before.machineBusyNanos - ours) / capacityNanos) : 0;
    return new BenchReport.Phase(name, kind, pipeline.deliverers().size(),
        new BenchReport.Load(round2(offered), range.count(), expected, probe.healthy(), round2(seconds), round2(healthyPerSecond),
            round3(healthyPerSecond / ceiling.requestsPerSecond())),
        BenchReport.Latency.of(h),
        new BenchReport.Cpu(attempts, round2(cpuMicros), round2(cpuMicros - compilerMicros), round2(allMicros), round3(othersShare),
            perAttempt(before.benchByPart, after.benchByPart, attempts, 1e-3)),
        perAttempt(before.brokerRequests, after.brokerRequests, attempts, 1000),
        round2(startSecond), round2(timeline.secondsAt(System.nanoTime())));
  }

  /** What each key of a cumulative count grew by over the phase, × {@code scale} ÷ attempts. */
  private static Map<String, Double> perAttempt(Map<String, Long> before, Map<String, Long> after, long attempts, double scale) {
    Map<String, Double> parts = new TreeMap<>();
    if (attempts > 0) {
      after.forEach((part, n) -> parts.put(part, round2((n - before.getOrDefault(part, 0L)) * scale / attempts)));
    }
    return parts;
  }

  /** Waits until every event's deliveries are accounted for: unique 2xx plus dead letters. */
  private BenchReport.Ledger drain(BenchLayout layout) throws InterruptedException {
    long acked = generator.acked();
    long expected = events.deliveriesOf(generator.produced());
    long deadline = System.nanoTime() + options.drainTimeout().toNanos();
    LOG.info("Drain: waiting for {} deliveries to be delivered or dead-lettered", expected);
    awaitAccounted(expected, deadline);
    awaitBadEndpoints(expected);
    long delivered = deliveryLedger.unique();
    long dead = pipeline.deadLetters();
    long both = deliveryLedger.deliveredAndDead();
    long missing = expected - deliveryLedger.accounted();
    boolean balanced = generator.failed() == 0 && acked == generator.produced() && missing == 0
        && pipeline.foreignDeadLetters() == 0;
    if (!balanced) {
      notes.add("VOID: the ledger does not balance: " + acked + " events acked, " + expected + " deliveries expected"
          + ", " + missing + " of them neither delivered nor dead-lettered; " + pipeline.foreignDeadLetters()
          + " dead letters not matching one pair; missing by audience/endpoint: " + unaccountedByKind());
    }
    if (both > 0) {
      notes.add(both + " deliveries were answered 2xx and also dead-lettered: the deliverer gave up (attempt timeout) on"
          + " attempts that did reach the receiver; counted once in the ledger");
    }
    return new BenchReport.Ledger(acked, generator.failed(), expected, delivered, dead, both, missing,
        deliveryLedger.duplicates(), balanced);
  }

  /**
   * Waits until every delivery produced so far is delivered or dead-lettered (slow and failing endpoints drain at their
   * own pace), at most {@code max}, and notes how long that took.
   */
  private void settle(String before, Duration max) throws InterruptedException {
    long expected = events.deliveriesOf(generator.produced());
    long start = System.nanoTime();
    awaitAccounted(expected, start + max.toNanos());
    long left = expected - deliveryLedger.accounted();
    notes.add(String.format(Locale.ROOT, "before %s, the earlier phases' deliveries at slow and failing endpoints took "
        + "%.0f s to drain%s", before, (System.nanoTime() - start) / 1e9, left == 0 ? "" : " (" + left
        + " were still on their way after " + max.toSeconds() + " s: " + unaccountedByKind() + ")"));
  }

  private void awaitAccounted(long expected, long deadlineNanos) throws InterruptedException {
    while (deliveryLedger.accounted() < expected && System.nanoTime() < deadlineNanos) {
      TimeUnit.MILLISECONDS.sleep(250); // polling the ledger with a deadline
    }
  }

  /**
   * Slow and failing endpoints drain at their own pace: a slow webhook takes its in-flight limit every 2 s, and an
   * ordered stream at an endpoint that always fails advances one delivery per full retry schedule. With a large backlog
   * they outlast the drain timeout by minutes. When they are all that is left, the ledger waits for them while they
   * keep being accounted for (progress within {@link #DRAIN_STALL}), up to {@link #DRAIN_EXTRA}, and says so.
   */
  private void awaitBadEndpoints(long expected) throws InterruptedException {
    Map<String, Long> left = unaccountedByKind();
    if (left.isEmpty() || !left.keySet().stream().allMatch(k -> k.endsWith("/slow") || k.endsWith("/failing"))) {
      return;
    }
    LOG.info("Drain: only deliveries at slow or failing endpoints left ({}); waiting while they keep arriving", left);
    long start = System.nanoTime();
    long progressAt = start;
    long accounted = deliveryLedger.accounted();
    while (accounted < expected && System.nanoTime() - start < DRAIN_EXTRA.toNanos()
        && System.nanoTime() - progressAt < DRAIN_STALL.toNanos()) {
      TimeUnit.MILLISECONDS.sleep(250); // polling the ledger with a deadline
      long now = deliveryLedger.accounted();
      if (now > accounted) {
        accounted = now;
        progressAt = System.nanoTime();
      }
    }
    notes.add(String.format(Locale.ROOT, "%d deliveries at slow or failing endpoints %s were still on their way when the "
        + "drain timeout passed (a slow webhook takes its in-flight limit per 2 s; an ordered stream at a failing endpoint "
        + "one delivery per full retry schedule); the ledger waited %.0f s more for them", left.values().stream()
        .mapToLong(Long::longValue).sum(), left, (System.nanoTime() - start) / 1e9));
  }

  /** The deliveries not accounted for, by audience and endpoint behaviour ("fanout/healthy": 3, ...). */
  private Map<String, Long> unaccountedByKind() {
    Map<String, Long> kinds = new TreeMap<>();
    for (int seq = 0; seq < generator.produced(); seq++) {
      int open = deliveryLedger.unaccounted(seq, events.fanOutOf(seq));
      for (int sub = 0; open != 0; sub++, open >>>= 1) {
        if ((open & 1) != 0) {
          kinds.merge(events.kindOf(seq, sub, receivers), 1L, Long::sum);
        }
      }
    }
    return kinds;
  }

  private PhaseProbe watch(LoadGenerator.Range range) {
    PhaseProbe probe = new PhaseProbe(range.from(), range.to());
    receivers.probe(probe);
    return probe;
  }

  private long expectedHealthy(LoadGenerator.Range range) {
    long n = 0;
    for (int seq = range.from(); seq < range.to(); seq++) {
      n += events.healthyDeliveriesOf(seq, receivers);
    }
    return n;
  }

  private static void awaitHealthy(PhaseProbe probe, long expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (probe.healthy() < expected && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20); // polling arrivals with a deadline
    }
    if (probe.healthy() < expected) {
      LOG.warn("Only {} of {} healthy deliveries arrived within {}", probe.healthy(), expected, timeout);
    }
  }

  /** Rate between the moments {@code lo} and {@code hi} of {@code expected} had arrived. */
  static double rateBetween(List<long[]> samples, long expected, double lo, double hi) {
    long[] first = null;
    long[] last = null;
    for (long[] s : samples) {
      if (first == null && s[1] >= lo * expected) {
        first = s;
      }
      if (last == null && s[1] >= hi * expected) {
        last = s;
      }
    }
    if (first == null || last == null || last[0] <= first[0]) {
      long[] a = samples.get(0);
      long[] b = samples.get(samples.size() - 1);
      return b[0] > a[0] ? (b[1] - a[1]) / ((b[0] - a[0]) / 1e9) : 0;
    }
    return (last[1] - first[1]) / ((last[0] - first[0]) / 1e9);
  }

  private record Usage(long cpuNanos, long compilerNanos, long attempts, long benchCpuNanos, long machineBusyNanos, long at,
      Map<String, Long> benchByPart, Map<String, Long> brokerRequests) {}

  private Usage usage() {
    long cpu = 0;
    long compiler = 0;
    long attempts = 0;
    for (DelivererProcess d : pipeline.deliverers()) {
      cpu += d.cpuNanos();
      compiler += d.compilerCpuNanos();
      attempts += d.attempts();
    }
    return new Usage(cpu, compiler, attempts, MachineInfo.processCpuNanos(), MachineInfo.machineBusyNanos(), System.nanoTime(),
        BenchThreads.cpuNanosByPart(), pipeline.brokerRequests());
  }

  private List<BenchReport.Deliverer> delivererFigures() {
    List<BenchReport.Deliverer> figures = new ArrayList<>();
    int i = 1;
    for (DelivererProcess d : pipeline.deliverers()) {
      figures.add(new BenchReport.Deliverer(i++, d.pid(), d.attempts(), d.outcomes(), round2(d.cpuNanos() / 1e9), mib(d.peakHeapUsed()),
          mib(d.peakHeapCommitted()), mib(d.peakHeapAfterGc()), d.cpuSecondsByThreadGroup(), d.retryLateness(),
          d.deferrals()));
    }
    return figures;
  }

  private int scheduleCapacity(double guess) {
    double seconds = options.warmup().toSeconds() + 4.0 * (options.burst().toSeconds() + options.steady().toSeconds()) + 10;
    // Room for a pipeline four times faster than guessed before the schedule runs out.
    return (int) Math.min(20_000_000, Math.max(10_000, guess * 4 * seconds));
  }

  private BenchReport.Shape shape(BenchLayout layout) {
    return new BenchReport.Shape(layout.apps(), layout.subscriptions(), layout.ports(), options.partitions(),
        layout.subsPerApp(), options.routerCommits().toString(), options.delivererHeap(),
        RetrySchedule.DEFAULT.toString(), options.endpointDelay().toMillis() + "ms");
  }

  private static double mib(long bytes) {
    return round2(bytes / 1048576.0);
  }

  private static long round(double v) {
    return Math.round(v);
  }

  static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
