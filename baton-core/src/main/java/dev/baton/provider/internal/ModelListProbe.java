package dev.baton.provider.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.List;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import dev.baton.provider.SseReader;

/**
 * The probe every HTTP provider shares: one GET of the model list on a client closed afterwards,
 * the answer read by the factory, failures mapped onto a {@link ProviderStatus} with the
 * credential scrubbed from the detail.
 */
public final class ModelListProbe {

    private ModelListProbe() {
    }

    public static ProviderStatus probe(ProviderFactory factory, ProviderSettings settings, ProviderFactory.ModelListing listing,
                                Duration timeout, ObjectMapper json) {
        String where = listing.uri().getScheme() + "://" + listing.uri().getAuthority();
        try {
            List<String> models = list(factory, settings, listing, timeout, json);
            return status(factory, settings, ProviderStatus.State.REACHABLE,
                    where + ": " + models.size() + (models.size() == 1 ? " model" : " models"), models);
        } catch (BatonException e) {
            boolean denied = e.code() == ErrorCode.AUTHENTICATION || e.code() == ErrorCode.PERMISSION_DENIED;
            String hint = factory.unreachableHint();
            String detail = hint != null && e.reason() == ErrorReason.CONNECTION ? e.getMessage() + " (" + hint + ")"
                    : e.getMessage();
            return status(factory, settings, denied ? ProviderStatus.State.UNAUTHORIZED : ProviderStatus.State.UNREACHABLE,
                    detail, List.of());
        }
    }

    /**
     * The models the provider lists.
     *
     * @throws BatonException when it cannot be reached, refuses, or answers with something unreadable
     */
    public static List<String> list(ProviderFactory factory, ProviderSettings settings, ProviderFactory.ModelListing listing,
                             Duration timeout, ObjectMapper json) {
        ErrorContext context = ErrorContext.ofModel(settings.name(), null);
        byte[] body;
        try (ProviderHttp http = new ProviderHttp(settings, json)) {
            body = http.send(http.get(listing.uri(), listing.headers(), timeout), context).body();
        }
        try {
            return factory.modelIds(json.readTree(body));
        } catch (RuntimeException e) {
            throw SseReader.Streams.malformed(context, "the model list", e);
        }
    }

    private static ProviderStatus status(ProviderFactory factory, ProviderSettings settings, ProviderStatus.State state,
                                         String detail, List<String> models) {
        return new ProviderStatus(settings.name(), factory.kind(), state, settings.scrub(detail), models);
    }
}
