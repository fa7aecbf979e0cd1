package dev.baton.operation.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.Message;
import dev.baton.llm.ResponseFormat;
import dev.baton.operation.OperationDefinition;
import dev.baton.operation.OperationHandler;
import dev.baton.operation.OperationMetadata;
import dev.baton.operation.OperationMode;
import dev.baton.operation.OperationResult;
import dev.baton.pipeline.CallMetadata;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A monolithic operation: its rendered prompt sent once through the profile's pipeline with the
 * response schema as a JSON-schema response format. The pipeline's output validation already
 * repairs an answer that is not valid against the schema once and fails with {@code VALIDATION}
 * after that; an answer the pipeline accepts but the handler's own checks reject (or one from a
 * model without that validation) is repaired here once, then fails with {@code VALIDATION}.
 */
final class MonolithicExecution {

    private final Function<String, ChatModel> models;
    private final ResponseCheck check;

    MonolithicExecution(Function<String, ChatModel> models, ResponseCheck check) {
        this.models = models;
        this.check = check;
    }

    OperationResult run(OperationHandler handler, JsonNode input, Map<String, String> callMetadata) {
        long start = System.nanoTime();
        OperationDefinition d = handler.definition();
        ChatRequest.Builder b = ChatRequest.builder();
        if (d.system() != null && !d.system().isBlank()) b.system(d.system());
        b.user(PromptTemplate.render(d.prompt(), input))
                .responseFormat(ResponseFormat.jsonSchema(d.id().replace('.', '_'), d.responseSchema().toString()))
                .metadata(CallMetadata.AGENT, d.id())
                .metadata(callMetadata);
        ChatRequest request = b.build();
        ChatModel model = models.apply(d.profileOrDefault());
        ChatResponse first = call(model, request, d.id());
        Set<String> used = new LinkedHashSet<>();
        used.add(modelOf(first));
        ResponseCheck.Verdict verdict = check.check(handler, input, first.text());
        ChatResponse last = first;
        if (!verdict.valid()) {
            ChatRequest repair = request.toBuilder().message(Message.assistant(first.text()))
                    .user(ResponseCheck.repairRequest(verdict.problems())).build();
            ChatResponse second = call(model, repair, d.id());
            last = second.withUsage(first.usage().plus(second.usage()));
            used.add(modelOf(second));
            verdict = check.check(handler, input, second.text());
            if (!verdict.valid()) throw ResponseCheck.invalidAfterRepair(d.id(), verdict.problems());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new OperationResult(d.id(), verdict.value(), new OperationMetadata(took, used.stream().toList(),
                OperationMode.MONOLITHIC, last.usage(), last.usage().costUsd(), null, null));
    }

    /** The call, its failure labelled with the operation. */
    private static ChatResponse call(ChatModel model, ChatRequest request, String operation) {
        try {
            return model.chat(request);
        } catch (BatonException e) {
            throw e.withContext(e.context().withOperation(operation));
        }
    }

    private static String modelOf(ChatResponse r) {
        return r.provider() == null ? String.valueOf(r.model()) : r.provider() + "/" + r.model();
    }
}
