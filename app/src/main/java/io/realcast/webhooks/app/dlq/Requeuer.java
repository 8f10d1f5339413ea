package io.realcast.webhooks.app.dlq;

import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Requeue;
import io.realcast.webhooks.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Sends dead letters again: each delivery with its original id and body, through common's {@link Requeue}. */
public final class Requeuer {
  private final Topics topics;
  private final Producer<String, byte[]> producer;

  public Requeuer(Topics topics, Producer<String, byte[]> producer) {
    this.topics = topics;
    this.producer = producer;
  }

  /** Queues every one and waits until Kafka has them all (acks=all); returns how many. */
  public int requeue(List<DeadLetter> deadLetters, Optional<String> replayId, Progress progress) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(deadLetters.size());
    for (DeadLetter dead : deadLetters) {
      sent.add(producer.send(Requeue.record(topics, dead.delivery(), replayId)));
    }
    producer.flush();
    int done = 0;
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted after queueing " + done + " of " + sent.size(), e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("Kafka did not take delivery " + (done + 1) + " of " + sent.size() + ": " + e.getMessage(), e);
      }
      done++;
      progress.update(done, sent.size());
    }
    progress.finish(done, sent.size());
    return done;
  }
}
