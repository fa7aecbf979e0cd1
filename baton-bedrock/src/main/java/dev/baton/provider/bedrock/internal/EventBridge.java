package dev.baton.provider.bedrock.internal;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bridges the SDK's push-based ConverseStream events to a pulling consumer through a bounded
 * queue. At most {@code capacity} events are requested ahead of the consumer, so the SDK's I/O
 * threads never block on a full queue and a slow consumer slows the connection rather than
 * filling memory. Terminal signals always fit: the queue holds two slots beyond the capacity.
 */
public final class EventBridge implements ConverseStreamResponseHandler {

    /** What the consumer takes from the queue. */
    public sealed interface Signal permits Event, Failure, End {
    }

    /** One stream event. */
    public record Event(ConverseStreamOutput event) implements Signal {
    }

    /** The stream failed. */
    public record Failure(Throwable error) implements Signal {
    }

    /** The stream ended normally. */
    public record End() implements Signal {
    }

    private static final End END = new End();

    private final int capacity;
    private final BlockingQueue<Signal> queue;
    private final CompletableFuture<ConverseStreamResponse> head = new CompletableFuture<>();
    private final AtomicReference<Subscription> subscription = new AtomicReference<>();
    private volatile boolean cancelled;

    public EventBridge(int capacity) {
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity + 2);
    }

    @Override
    public void responseReceived(ConverseStreamResponse response) {
        head.complete(response);
    }

    @Override
    public void onEventStream(SdkPublisher<ConverseStreamOutput> publisher) {
        publisher.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                subscription.set(s);
                if (cancelled) s.cancel();
                else s.request(capacity);
            }

            @Override
            public void onNext(ConverseStreamOutput event) {
                queue.offer(new Event(event));
            }

            @Override
            public void onError(Throwable t) {
                queue.offer(new Failure(t));
            }

            @Override
            public void onComplete() {
                queue.offer(END);
            }
        });
    }

    @Override
    public void exceptionOccurred(Throwable throwable) {
        head.completeExceptionally(throwable);
        queue.offer(new Failure(throwable));
    }

    @Override
    public void complete() {
        queue.offer(END);
    }

    /** Completes with the response head (HTTP status and headers), or fails when the call fails before it. */
    public CompletableFuture<ConverseStreamResponse> head() {
        return head;
    }

    /** The next signal, blocking until one arrives; asks the SDK for one more event in its place. */
    public Signal take() throws InterruptedException {
        Signal signal = queue.take();
        if (signal instanceof Event) {
            Subscription s = subscription.get();
            if (s != null && !cancelled) s.request(1);
        }
        return signal;
    }

    /** Stops the event flow; later events are not requested. */
    public void cancel() {
        cancelled = true;
        Subscription s = subscription.get();
        if (s != null) s.cancel();
    }
}
