package dev.baton.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a {@link ResolvedProfile} ({@code baton profiles list|show -o json}, and the
 * servers' profile listings): every value resolved, snake_case keys. The credential appears only
 * as its hint ({@code sk-…abcd}), never the key itself.
 *
 * @param kind              the provider kind ({@code openai}, {@code scripted}, …)
 * @param origin            where the profile came from (a config file, built in, or why it was picked)
 * @param credential        the credential's hint, or null when the provider needs none
 * @param timeoutSeconds    the call deadline in seconds
 * @param pricesPerMillion  USD per million input and output tokens; omitted when unknown
 * @param fallback          the profiles tried, in order, when this one fails
 * @param options           provider-specific options, as configured
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileJson(String name, String provider, String kind, String model, String origin, String baseUrl,
                          String credential, Double temperature, Integer maxTokens, double timeoutSeconds,
                          String systemPrompt, int contextWindow, int maxOutputTokens,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Prices pricesPerMillion, List<String> fallback,
                          Map<String, Object> options) {

    /** USD per million tokens. */
    public record Prices(BigDecimal input, BigDecimal output) {
    }

    public static ProfileJson of(ResolvedProfile p) {
        var provider = p.provider();
        var prices = p.info().prices();
        return new ProfileJson(p.name(), provider.name(), provider.kind(), p.model(), p.origin(),
                provider.baseUrl() == null ? null : provider.baseUrl().toString(),
                provider.apiKey() == null ? null : provider.apiKey().hint(), p.temperature(), p.maxTokens(),
                p.timeout().toMillis() / 1000.0, p.systemPrompt(), p.info().contextWindow(), p.info().maxOutputTokens(),
                prices == null ? null : new Prices(prices.inputPerMillion(), prices.outputPerMillion()),
                p.fallback(), p.options());
    }
}
