package io.realcast.webhooks.testkit;

import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.testkit.receiver.RecordedRequest;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What should arrive and what did, per (event, subscription). Expected: for each raw event and each
 * subscription of its app listing its webhook type, {@code DeliveryId.derive(eventId, webhookId)} (viewer.left
 * yields none). Received: every request the receivers saw, by its {@code X-RealCast-Webhook-Id}. Since the id
 * is derived, a duplicate with another id would show as unexpected.
 */
public final class Ledger {
  /** One expected delivery. */
  public record Expected(DeliveryId id, WebhookId webhook, WebhookEventType type) {}

  /** One request a receiver got, as it saw it; {@code body} is what was posted. */
  public record Arrival(String deliveryId, String webhookInPath, String eventHeader, boolean signatureValid, long atNanos,
      byte[] body) {}

  private static final String HOOKS = "/hooks/";

  private final Map<String, Expected> expected = new ConcurrentHashMap<>();
  private final Map<WebhookId, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  /** The first body seen for each delivery id: a repeat (at least once) must carry the very same bytes. */
  private final Map<String, byte[]> firstBodies = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> changedRepeats = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
  private final AtomicInteger badSignatures = new AtomicInteger();
  private final AtomicInteger events = new AtomicInteger();

  public void register(Endpoint endpoint) {
    endpoints.put(endpoint.webhook(), endpoint);
  }

  public Collection<Endpoint> endpoints() {
    return endpoints.values();
  }

  /** Records the deliveries {@code event} must produce, for the endpoints registered so far. */
  public void expect(RawEvent event) {
    events.incrementAndGet();
    Optional<WebhookEventType> type = WebhookEventType.fromWireName(event.type().wireName());
    if (type.isEmpty()) {
      return; // viewer.left feeds the counts and yields no webhook
    }
    for (Endpoint e : endpoints.values()) {
      if (e.app().equals(event.appId()) && e.events().contains(type.get())) {
        DeliveryId id = DeliveryId.derive(event.id(), e.webhook());
        expected.put(id.value(), new Expected(id, e.webhook(), type.get()));
      }
    }
  }

  /** The path at which a {@link ScriptedReceiver} receives the deliveries of {@code webhook}. */
  public static String path(WebhookId webhook) {
    return HOOKS + webhook.value();
  }

  /**
   * Records a request a {@link ScriptedReceiver} got at {@link #path(WebhookId)}, its signature checked with
   * that endpoint's secret: {@code receiver.onRequest(ledger::record)}.
   */
  public void record(RecordedRequest request) {
    String path = request.path();
    String webhook = path.startsWith(HOOKS) ? path.substring(HOOKS.length()) : path;
    boolean valid = endpoints().stream().filter(e -> e.webhook().value().equals(webhook)).findFirst()
        .map(e -> request.signedWith(e.secret().value())).orElse(false);
    arrived(new Arrival(request.webhookId(), webhook, request.event(), valid, request.arrivedNanos(), request.body()));
  }

  /** Called for every request a receiver saw. */
  public void arrived(Arrival arrival) {
    Expected e = arrival.deliveryId() == null ? null : expected.get(arrival.deliveryId());
    if (e == null || !e.webhook().value().equals(arrival.webhookInPath()) || !e.type().wireName().equals(arrival.eventHeader())) {
      unexpected.add(arrival.deliveryId() + " to " + arrival.webhookInPath() + " as " + arrival.eventHeader());
    }
    if (!arrival.signatureValid()) {
      badSignatures.incrementAndGet();
    }
    received.computeIfAbsent(String.valueOf(arrival.deliveryId()), k -> new AtomicInteger()).incrementAndGet();
    byte[] first = firstBodies.putIfAbsent(String.valueOf(arrival.deliveryId()), arrival.body());
    if (first != null && !java.util.Arrays.equals(first, arrival.body())) {
      changedRepeats.add(String.valueOf(arrival.deliveryId()));
    }
  }

  public int events() {
    return events.get();
  }

  public int expectedCount() {
    return expected.size();
  }

  /** Expected deliveries to receivers that must get everything. */
  public long expectedHealthy() {
    return expected.values().stream().filter(e -> !endpoints.get(e.webhook()).mayFail()).count();
  }

  /** Distinct expected deliveries that arrived at receivers that must get everything. */
  public long deliveredHealthy() {
    return expected.values().stream()
        .filter(e -> !endpoints.get(e.webhook()).mayFail() && received.containsKey(e.id().value())).count();
  }

  public boolean allHealthyArrived() {
    return deliveredHealthy() == expectedHealthy();
  }

  /** How many requests arrived for {@code id}, 0 if none. */
  public int arrivals(DeliveryId id) {
    AtomicInteger n = received.get(id.value());
    return n == null ? 0 : n.get();
  }

  public List<Expected> expectedFor(WebhookId webhook) {
    return expected.values().stream().filter(e -> e.webhook().equals(webhook)).toList();
  }

  /**
   * The verdict, given the dead letters of the run: missing = expected, not received, and not dead-lettered
   * for a receiver scripted to fail; a dead letter for a receiver that must get everything is unexplained.
   */
  public Report report(Collection<DeadLetter> deadLetters) {
    Set<String> dead = deadLetters.stream().map(d -> d.delivery().id().value()).collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    long delivered = 0;
    for (Expected e : expected.values()) {
      boolean arrived = received.containsKey(e.id().value());
      delivered += arrived ? 1 : 0;
      boolean explained = endpoints.get(e.webhook()).mayFail();
      if (!arrived && !explained) {
        missing.add(e.id() + " (" + e.type() + " to " + e.webhook() + (dead.contains(e.id().value()) ? ", dead-lettered" : "") + ")");
      }
    }
    List<String> unexplainedDead = deadLetters.stream()
        .filter(d -> {
          Endpoint endpoint = endpoints.get(d.delivery().webhookId());
          return endpoint == null || !endpoint.mayFail();
        })
        .map(d -> d.delivery().id() + " to " + d.delivery().webhookId() + ": " + d.reason() + " " + d.detail())
        .toList();
    int requests = received.values().stream().mapToInt(AtomicInteger::get).sum();
    return new Report(events.get(), expected.size(), delivered, requests - received.size(), missing,
        List.copyOf(unexpected), deadLetters.size(), unexplainedDead, badSignatures.get(), List.copyOf(changedRepeats));
  }

  /**
   * @param duplicates requests beyond the first for one delivery id (allowed: at least once, same id)
   * @param changedRepeats delivery ids that arrived again with other bytes than the first time (never allowed)
   */
  public record Report(int events, int expected, long delivered, int duplicates, List<String> missing,
      List<String> unexpected, int deadLetters, List<String> unexplainedDeadLetters, int badSignatures,
      List<String> changedRepeats) {

    public String summary() {
      return "events=" + events + " expected=" + expected + " delivered=" + delivered + " duplicates=" + duplicates
          + " missing=" + missing.size() + " unexpected=" + unexpected.size() + " dead=" + deadLetters
          + " unexplainedDead=" + unexplainedDeadLetters.size() + " badSignatures=" + badSignatures
          + " changedRepeats=" + changedRepeats.size()
          + (missing.isEmpty() ? "" : "\nmissing (first 10): " + missing.subList(0, Math.min(10, missing.size())))
          + (unexpected.isEmpty() ? "" : "\nunexpected (first 10): " + unexpected.subList(0, Math.min(10, unexpected.size())))
          + (unexplainedDeadLetters.isEmpty() ? ""
              : "\nunexplained dead (first 10): " + unexplainedDeadLetters.subList(0, Math.min(10, unexplainedDeadLetters.size())));
    }
  }
}
