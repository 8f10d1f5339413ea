package io.realcast.webhooks.api.history;

import java.time.Instant;

/** One step of a chart: the attempts of a webhook from {@code at} for one step, by outcome, with latencies. */
public record SeriesPoint(Instant at, SeriesBucket bucket) {}
