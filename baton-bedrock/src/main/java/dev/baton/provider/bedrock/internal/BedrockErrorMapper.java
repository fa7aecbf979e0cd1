package dev.baton.provider.bedrock.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import dev.baton.provider.HttpErrorMapper;
import dev.baton.provider.ResponseHeaders;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Maps AWS SDK failures onto Baton's error taxonomy. Service errors are classified by their AWS
 * error code ({@code ThrottlingException}, {@code ValidationException}, …), falling back to the
 * HTTP status for codes Bedrock does not document; client-side failures (timeouts, refused
 * connections, unreadable answers, missing credentials) by their type. Messages are scrubbed of
 * the credentials the adapter holds.
 */
public final class BedrockErrorMapper {

    private static final Pattern CONTEXT_OVERFLOW = Pattern.compile(
            "too long|too many (input )?tokens|context (length|window)|maximum (context|number of tokens)"
                    + "|exceeds? the (model's )?max|input length|prompt is too long",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_MESSAGE = 500;

    private final UnaryOperator<String> scrubber;

    /** {@code scrubber} removes every credential the adapter holds from a text. */
    public BedrockErrorMapper(UnaryOperator<String> scrubber) {
        this.scrubber = scrubber;
    }

    private record Mapping(ErrorCode code, ErrorReason reason, Boolean retriable, String suggestion) {
        Mapping(ErrorCode code) {
            this(code, ErrorReason.NONE, null, null);
        }
    }

    /** The failure for anything the SDK threw or completed a future with. */
    public BatonException map(Throwable failure, ErrorContext context) {
        Throwable t = unwrap(failure);
        if (t instanceof BatonException e) return e;
        if (t instanceof AwsServiceException e) return service(e, context);
        return client(t, context);
    }

    /** Strips the wrappers futures put around the real failure. */
    public static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    private BatonException service(AwsServiceException e, ErrorContext context) {
        String code = errorCode(e);
        String detail = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? "" : e.awsErrorDetails().errorMessage();
        int status = e.statusCode();
        Mapping m = classify(code, status, detail);
        String message = "%s answered %s (HTTP %d)%s%s".formatted(context.provider(),
                code.isEmpty() ? "an error" : code, status, detail.isBlank() ? "" : ": " + truncate(detail),
                e.requestId() == null ? "" : " [request id " + e.requestId() + "]");
        // The SDK exception is not kept as the cause: its message echoes the raw service text unscrubbed.
        BatonException.Builder b = BatonException.builder(m.code(), scrubber.apply(message))
                .reason(m.reason()).context(context).providerStatus(status).suggestion(m.suggestion());
        if (m.retriable() != null) b.retriable(m.retriable());
        Duration retryAfter = retryAfter(e);
        if (retryAfter != null) b.retryAfter(retryAfter);
        return b.build();
    }

    /**
     * The AWS error name. Modelled exceptions are named by their class; others by the error code
     * the service sent, which exception events spell in lower camel case ({@code throttlingException}).
     */
    private static String errorCode(AwsServiceException e) {
        if (e instanceof BedrockRuntimeException && e.getClass() != BedrockRuntimeException.class) {
            return e.getClass().getSimpleName();
        }
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (code == null || code.isEmpty()) return "";
        return Character.toUpperCase(code.charAt(0)) + code.substring(1);
    }

    private static Mapping classify(String code, int status, String detail) {
        return switch (code) {
            case "ThrottlingException" -> new Mapping(ErrorCode.RATE_LIMITED);
            case "ServiceQuotaExceededException" -> new Mapping(ErrorCode.RATE_LIMITED, ErrorReason.QUOTA_EXHAUSTED,
                    true, "the account's Bedrock quota for this model is used up; see Service Quotas");
            case "ModelNotReadyException", "ServiceUnavailableException" -> new Mapping(ErrorCode.MODEL_UNAVAILABLE,
                    ErrorReason.NONE, true, null);
            case "ValidationException" -> CONTEXT_OVERFLOW.matcher(detail).find()
                    ? new Mapping(ErrorCode.INVALID_REQUEST, ErrorReason.CONTEXT_OVERFLOW, false,
                        "shorten the input or use a profile with a larger context window")
                    : new Mapping(ErrorCode.INVALID_REQUEST, ErrorReason.NONE, false, null);
            case "AccessDeniedException" -> new Mapping(ErrorCode.PERMISSION_DENIED, ErrorReason.NONE, false,
                    "check the IAM policy (bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream) and that "
                            + "model access is granted in this region");
            case "ResourceNotFoundException" -> new Mapping(ErrorCode.MODEL_UNAVAILABLE, ErrorReason.NONE, false,
                    "check the model id or inference profile id and the region");
            case "ModelTimeoutException" -> new Mapping(ErrorCode.TIMEOUT, ErrorReason.NONE, true, null);
            case "InternalServerException", "ModelErrorException" -> new Mapping(ErrorCode.PROVIDER_ERROR);
            case "ModelStreamErrorException" -> new Mapping(ErrorCode.PROVIDER_ERROR,
                    ErrorReason.STREAM_INTERRUPTED, true, null);
            case "UnrecognizedClientException", "ExpiredTokenException", "InvalidSignatureException",
                 "IncompleteSignatureException", "MissingAuthenticationTokenException", "InvalidClientTokenId",
                 "SignatureDoesNotMatch", "ExpiredToken" -> new Mapping(ErrorCode.AUTHENTICATION, ErrorReason.NONE,
                    false, "check the AWS credentials (profile, environment, SSO session) or the Bedrock API key");
            default -> byStatus(status);
        };
    }

    private static Mapping byStatus(int status) {
        return switch (status) {
            case 400, 413, 422 -> new Mapping(ErrorCode.INVALID_REQUEST);
            case 401 -> new Mapping(ErrorCode.AUTHENTICATION);
            case 403 -> new Mapping(ErrorCode.PERMISSION_DENIED);
            case 404 -> new Mapping(ErrorCode.NOT_FOUND);
            case 408 -> new Mapping(ErrorCode.TIMEOUT);
            case 429 -> new Mapping(ErrorCode.RATE_LIMITED);
            case 503 -> new Mapping(ErrorCode.MODEL_UNAVAILABLE);
            case 504 -> new Mapping(ErrorCode.TIMEOUT);
            default -> new Mapping(status >= 500 ? ErrorCode.PROVIDER_ERROR : ErrorCode.INVALID_REQUEST);
        };
    }

    private static Duration retryAfter(AwsServiceException e) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) return null;
        Map<String, List<String>> headers = e.awsErrorDetails().sdkHttpResponse().headers();
        return HttpErrorMapper.retryAfter(ResponseHeaders.of(headers));
    }

    private BatonException client(Throwable t, ErrorContext context) {
        String who = context.provider();
        if (has(t, HttpConnectTimeoutException.class)) {
            return build(ErrorCode.TIMEOUT, ErrorReason.CONNECTION, true, who + ": connect timed out", t, context);
        }
        if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                || t instanceof TimeoutException || has(t, SocketTimeoutException.class)
                || has(t, HttpTimeoutException.class) || hasNamed(t, "ReadTimeoutException")) {
            return build(ErrorCode.TIMEOUT, ErrorReason.NONE, true, who + ": no answer in time", t, context);
        }
        if (t instanceof AbortedException || t instanceof CancellationException || t instanceof InterruptedException
                || has(t, InterruptedIOException.class)) {
            return build(ErrorCode.TIMEOUT, ErrorReason.CANCELLED, false, who + ": call cancelled", t, context);
        }
        if (has(t, ConnectException.class)) {
            return BatonException.builder(ErrorCode.MODEL_UNAVAILABLE, who + ": connection refused")
                    .reason(ErrorReason.CONNECTION).context(context).retriable(true).cause(t)
                    .suggestion("is the endpoint override right and the server running?").build();
        }
        String detail = scrubber.apply(String.valueOf(t.getMessage()));
        if (t instanceof SdkClientException && detail.startsWith("Unable to load credentials")) {
            return BatonException.builder(ErrorCode.AUTHENTICATION, who + ": no AWS credentials found")
                    .context(context).retriable(false).cause(t)
                    .suggestion("set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, run `aws sso login`, "
                            + "or configure an api key (Bedrock API key)").build();
        }
        if (hasNamed(t, "JsonParseException") || hasNamed(t, "JsonEOFException") || detail.contains("unmarshall")) {
            return build(ErrorCode.PROVIDER_ERROR, ErrorReason.MALFORMED_RESPONSE, true,
                    who + " sent a response that could not be read", t, context);
        }
        ErrorReason reason = has(t, IOException.class) ? ErrorReason.CONNECTION : ErrorReason.NONE;
        return build(ErrorCode.PROVIDER_ERROR, reason, true,
                who + ": " + t.getClass().getSimpleName() + ": " + truncate(detail), t, context);
    }

    private static BatonException build(ErrorCode code, ErrorReason reason, boolean retriable, String message,
                                        Throwable cause, ErrorContext context) {
        return BatonException.builder(code, message).reason(reason).context(context).retriable(retriable)
                .cause(cause).build();
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable cur = t; cur != null; cur = cur.getCause() == cur ? null : cur.getCause()) {
            if (type.isInstance(cur)) return true;
        }
        return false;
    }

    /** Matches by simple name, for exception types of shaded or optional libraries (netty, SDK jackson). */
    private static boolean hasNamed(Throwable t, String simpleName) {
        for (Throwable cur = t; cur != null; cur = cur.getCause() == cur ? null : cur.getCause()) {
            if (cur.getClass().getSimpleName().equals(simpleName)) return true;
        }
        return false;
    }

    private static String truncate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE) + "…";
    }
}
