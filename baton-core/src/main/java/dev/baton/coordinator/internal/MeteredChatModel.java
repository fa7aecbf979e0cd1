package dev.baton.coordinator.internal;

import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Usage;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pipeline model as one job (or the planner) sees it: every request carries the job's call
 * labels (run id, agent, session) so the budget guard charges the job's scope and the ledger
 * records the request, and the usage of every call — answered, or streamed and closed early — is
 * summed along with the models that answered. Thread-safe.
 */
final class MeteredChatModel implements ChatModel {

    private final ChatModel delegate;
    private final Map<String, String> labels;
    private final Meter meter;

    MeteredChatModel(ChatModel delegate, Map<String, String> labels, Meter meter) {
        this.delegate = delegate;
        this.labels = Map.copyOf(labels);
        this.meter = meter;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        ChatResponse r = delegate.chat(labelled(request));
        meter.add(r);
        return r;
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        ChatStream s = delegate.stream(labelled(request));
        return new ChatStream() {
            private boolean closed;

            @Override
            public boolean hasNext() {
                return s.hasNext();
            }

            @Override
            public ChatChunk next() {
                return s.next();
            }

            @Override
            public ChatResponse response() {
                return s.response();
            }

            @Override
            public void close() {
                if (closed) return;
                closed = true;
                try {
                    s.close();
                } finally {
                    meter.add(s.response());
                }
            }
        };
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    private ChatRequest labelled(ChatRequest request) {
        return request.toBuilder().metadata(labels).build();
    }

    /** The summed usage and the models of one job's calls. */
    static final class Meter {
        private final ReentrantLock lock = new ReentrantLock();
        private Usage usage = Usage.ZERO;
        private final Set<String> models = new LinkedHashSet<>();

        void add(ChatResponse r) {
            lock.lock();
            try {
                usage = usage.plus(r.usage());
                if (r.model() != null && !r.model().isBlank()) models.add((r.provider() == null ? "" : r.provider() + "/") + r.model());
            } finally {
                lock.unlock();
            }
        }

        void add(Usage u, List<String> names) {
            lock.lock();
            try {
                usage = usage.plus(u);
                models.addAll(names);
            } finally {
                lock.unlock();
            }
        }

        Usage usage() {
            lock.lock();
            try {
                return usage;
            } finally {
                lock.unlock();
            }
        }

        List<String> models() {
            lock.lock();
            try {
                return List.copyOf(models);
            } finally {
                lock.unlock();
            }
        }
    }
}
