package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.BuildInfo;
import io.realcast.webhooks.deliverer.Classifier;
import io.realcast.webhooks.deliverer.Outcome;
import io.realcast.webhooks.deliverer.SendResult;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.signing.SignedHeaders;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.tracing.TraceParent;
import io.netty.util.AsciiString;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.time.Instant;

/** One attempt of one delivery: sign, send, classify. What follows it is the placement policy's to say. */
final class DeliveryAttempt {
  private static final CharSequence CONTENT_TYPE = AsciiString.cached("Content-Type");
  private static final CharSequence APPLICATION_JSON = AsciiString.cached("application/json");
  private static final CharSequence USER_AGENT = AsciiString.cached("User-Agent");
  private static final CharSequence AGENT = AsciiString.cached(BuildInfo.userAgent());
  private static final CharSequence EVENT = AsciiString.cached("X-RealCast-Event");
  private static final CharSequence WEBHOOK_ID = AsciiString.cached("X-RealCast-Webhook-Id");
  private static final CharSequence ATTEMPT = AsciiString.cached("X-RealCast-Delivery-Attempt");
  private static final CharSequence TRACE_PARENT = AsciiString.cached(TraceParent.HEADER);

  /** What one attempt came to; {@code span} is ended once the attempt's outcome is placed ({@link AttemptSpan#placed}). */
  record Ended(Outcome outcome, Attempt attempt, SendResult result, AttemptSpan span) {
    Ended(Outcome outcome, Attempt attempt, SendResult result) {
      this(outcome, attempt, result, AttemptSpan.NONE);
    }
  }

  /** Where an {@link Ended} goes; called once, on the sender's context. */
  @FunctionalInterface
  interface Callback {
    void ended(Ended ended);
  }

  private static final int ENDPOINT_CACHE_LIMIT = 100_000;

  private final HttpSender sender;
  private final AttemptTracer tracer;
  private final Clock clock;
  /** Webhook URLs taken apart once; used on the sender's context only. */
  private final Map<String, Endpoint> endpoints = new HashMap<>();

  DeliveryAttempt(HttpSender sender, Clock clock) {
    this.sender = sender;
    this.tracer = sender.tracer();
    this.clock = clock;
  }

  void run(Delivery delivery, Subscription subscription, Callback callback) {
    Instant started = clock.instant();
    Endpoint endpoint;
    try {
      endpoint = endpoint(subscription.url());
    } catch (IllegalArgumentException e) {
      conclude(delivery, started, tracer.start(delivery, null),
          new SendResult.Failure(SendResult.FailureKind.BAD_URL, e.getMessage(), Duration.ZERO), callback);
      return;
    }
    AttemptSpan span = tracer.start(delivery, endpoint);
    sender.send(endpoint, headers(delivery, subscription, started, span.traceParent(delivery)), delivery.body(), span,
        result -> conclude(delivery, started, span, result, callback));
  }

  private void conclude(Delivery delivery, Instant started, AttemptSpan span, SendResult result, Callback callback) {
    Outcome outcome = Classifier.classify(result, clock.instant());
    span.ended(result, outcome);
    Attempt attempt = new Attempt(delivery.nextAttemptNumber(), started, result.latency().toMillis(), outcome.status(),
        outcome.error(), outcome.result(), span.traceId(delivery));
    callback.ended(new Ended(outcome, attempt, result, span));
  }

  private Endpoint endpoint(String url) {
    Endpoint e = endpoints.get(url);
    if (e == null) {
      if (endpoints.size() >= ENDPOINT_CACHE_LIMIT) {
        endpoints.clear();
      }
      e = Endpoint.parse(url);
      endpoints.put(url, e);
    }
    return e;
  }

  /**
   * The headers of docs/RECEIVING.md ("The request"), in order; signatures from common's {@link SignedHeaders};
   * {@code traceparent} when {@code traceParent} is not null (the attempt's span, or the trace the delivery continues).
   */
  static RequestHeaders headers(Delivery delivery, Subscription subscription, Instant now, String traceParent) {
    RequestHeaders h = new RequestHeaders();
    h.add(CONTENT_TYPE, APPLICATION_JSON);
    h.add(USER_AGENT, AGENT);
    h.add(EVENT, delivery.event().wireName());
    h.add(WEBHOOK_ID, delivery.id().value());
    h.add(ATTEMPT, Integer.toString(delivery.nextAttemptNumber()));
    SignedHeaders.sign(subscription.secret(), subscription.previousSecretAt(now), delivery.id().value(), now.getEpochSecond(),
        delivery.body(), h::add);
    if (traceParent != null) {
      h.add(TRACE_PARENT, traceParent);
    }
    // The webhook's own headers come last and never replace ours (the api refuses such names; this is the backstop).
    subscription.options().headers().forEach((name, value) -> {
      if (DeliveryOptions.headerProblem(name, value).isEmpty()) {
        h.add(name, value);
      }
    });
    return h;
  }
}
