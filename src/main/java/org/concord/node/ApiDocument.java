package org.concord.node;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The node's OpenAPI document ({@code /v3/api-docs}, readable without login) and springdoc's
 * Swagger UI ({@code /swagger-ui}, for logged-in users): what the API is, how to log in (HTTP Basic
 * or a bearer token from {@code POST /api/tokens}), and the conventions every endpoint keeps
 * (docs/api.md).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiDocument {

    static final String CONVENTIONS = """
            The REST API of a Concord node. Conventions (docs/api.md): JSON bodies, answers and errors use camelCase; \
            times are ISO 8601 instants (2024-01-16T18:00:00Z); a duration is ISO 8601 (PT48H) with a readable twin \
            named with Text (\"48 h\"); a party is its ISO 3166-1 alpha-2 code (\"IR\"). Every error is an RFC 9457 \
            problem document (application/problem+json) with `field` (as the caller sent it) and `rule` where they \
            apply, `allowed` for a value not in a fixed set, and `requiredRoles` on a 403. A body with a property \
            the endpoint does not know is refused (400, rule unknown-property). Log in with HTTP Basic or a bearer \
            token (POST /api/tokens); partner nodes use their pinned TLS client certificate.""";

    static {
        // A Duration is written as ISO 8601 with a readable twin (RestJson); the document says so.
        SpringDocUtils.getConfig().replaceWithSchema(Duration.class,
                new StringSchema().format("duration").example("PT48H3M12.5S").description("ISO 8601 duration"));
    }

    /** Each duration property of a schema gets its readable twin, {@code <name>Text}, as the answers have it. */
    @Bean
    OpenApiCustomizer readableDurationTwins() {
        return api -> {
            if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
                return;
            }
            for (Schema<?> schema : api.getComponents().getSchemas().values()) {
                Map<String, Schema> properties = schema.getProperties();
                if (properties == null) {
                    continue;
                }
                Map<String, Schema> twins = new LinkedHashMap<>();
                properties.forEach((name, property) -> {
                    if ("duration".equals(property.getFormat()) && !properties.containsKey(name + RestJson.READABLE)) {
                        twins.put(name + RestJson.READABLE, new StringSchema().example("48 h 3 min")
                                .description("the same duration as " + name + ", for a person: the two largest units, rounded down"));
                    }
                });
                twins.forEach(schema::addProperty);
            }
        };
    }

    @Bean
    OpenAPI concordApi() {
        return new OpenAPI()
                .info(new Info().title("Concord node API").version("1").description(CONVENTIONS))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("a user's name and password"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("a token from POST /api/tokens")))
                .security(List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("bearer")));
    }
}
