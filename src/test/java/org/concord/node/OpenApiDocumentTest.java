package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document, as a developer reads it off a real node: without logging in; valid OpenAPI 3
 * (swagger-parser's validator finds nothing); with the conventions, the ways to log in, and every
 * Java enum the API's records carry listed as an enum. Swagger UI (springdoc's) for logged-in
 * users only.
 */
class OpenApiDocumentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestNode node;
    private static Https https;
    private static String document;

    @BeforeAll
    static void read() throws Exception {
        node = TwoNodes.shared().pk;
        https = Https.to(node);
        HttpResponse<String> response = https.get("/v3/api-docs");
        assertThat(response.statusCode()).as("without login: " + response.body()).isEqualTo(200);
        document = response.body();
    }

    @Test
    void theDocumentPassesAnOpenApi3Validator() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getMessages()).as("validator messages").isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
    }

    @Test
    void theDocumentSaysHowToLogInAndWhatTheConventionsAre() {
        JsonNode json = JSON.readTree(document);
        assertThat(json.path("info").path("description").asString()).contains("camelCase").contains("problem");
        assertThat(json.path("components").path("securitySchemes").has("basic")).isTrue();
        assertThat(json.path("components").path("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void aBodyNamesItsRequiredFieldsWithExamples() {
        JsonNode newUser = JSON.readTree(document).path("components").path("schemas").path("NewUser");
        assertThat(strings(newUser.path("required"))).contains("username", "roles");
        assertThat(newUser.path("properties").path("username").path("example").asString()).isNotBlank();
        assertThat(strings(newUser.path("properties").path("roles").path("items").path("enum")))
                .containsExactly("ADMIN", "LIAISON", "ANALYST", "VIEWER");
        assertThat(newUser.path("properties").path("password").path("description").asString()).isNotBlank();
    }

    @Test
    void aDurationIsDocumentedWithItsReadableTwin() {
        List<String> durations = new ArrayList<>();
        for (var schema : JSON.readTree(document).path("components").path("schemas").properties()) {
            for (var property : schema.getValue().path("properties").properties()) {
                if ("duration".equals(property.getValue().path("format").asString(""))) {
                    durations.add(schema.getKey() + "." + property.getKey());
                    assertThat(schema.getValue().path("properties").has(property.getKey() + "Text"))
                            .as(schema.getKey() + "." + property.getKey() + "Text").isTrue();
                }
            }
        }
        assertThat(durations).as("the commitments' reminders say how long before the due date").isNotEmpty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asString()));
        return out;
    }

    @Test
    void everyEnumOfTheApisRecordsIsListedAsAnEnum() {
        Set<Set<String>> listed = new HashSet<>();
        collectEnums(JSON.readTree(document), listed);
        Set<Class<?>> enums = new LinkedHashSet<>();
        List<HandlerMethod> handlers = new ArrayList<>();
        for (HandlerMapping mapping : node.bean(DispatcherServlet.class).getHandlerMappings()) {
            if (mapping instanceof RequestMappingInfoHandlerMapping infos) {
                handlers.addAll(infos.getHandlerMethods().values());
            }
        }
        for (HandlerMethod handler : handlers) {
            Method method = handler.getMethod();
            if (!method.getDeclaringClass().getName().startsWith("org.concord.")) {
                continue;
            }
            walk(method.getGenericReturnType(), enums, new HashSet<>());
            for (int i = 0; i < method.getParameterCount(); i++) {
                var parameter = method.getParameters()[i];
                if (parameter.isAnnotationPresent(RequestBody.class) || parameter.isAnnotationPresent(RequestParam.class)) {
                    walk(method.getGenericParameterTypes()[i], enums, new HashSet<>());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (Class<?> type : enums) {
            Set<String> constants = new TreeSet<>();
            for (Object constant : type.getEnumConstants()) {
                constants.add(((Enum<?>) constant).name());
            }
            if (!listed.contains(constants)) {
                missing.add(type.getName() + " " + constants);
            }
        }
        assertThat(missing).as("enums of the API not listed in /v3/api-docs").isEmpty();
    }

    @Test
    void swaggerUiIsSpringdocsForLoggedInUsers() throws Exception {
        assertThat(https.get("/swagger-ui/index.html").statusCode()).isEqualTo(401);
        assertThat(https.get("/swagger-ui").statusCode()).isEqualTo(401);
        String[] viewer = Https.basic(node.username(Role.VIEWER), node.password(Role.VIEWER));
        HttpResponse<String> entry = https.get("/swagger-ui", viewer);
        assertThat(entry.statusCode()).as(entry.body()).isIn(200, 302);
        HttpResponse<String> page = https.get("/swagger-ui/index.html", viewer);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        HttpResponse<String> config = https.get("/v3/api-docs/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("/v3/api-docs");
    }

    private static void collectEnums(JsonNode node, Set<Set<String>> listed) {
        if (node.isObject()) {
            JsonNode values = node.get("enum");
            if (values != null && values.isArray()) {
                Set<String> set = new TreeSet<>();
                values.forEach(v -> set.add(v.asString()));
                listed.add(set);
            }
            node.properties().forEach(p -> collectEnums(p.getValue(), listed));
        } else if (node.isArray()) {
            node.forEach(child -> collectEnums(child, listed));
        }
    }

    /** The enums reachable from {@code type}: itself, its type arguments, its record components, recursively. */
    private static void walk(Type type, Set<Class<?>> enums, Set<Type> seen) {
        if (type == null || !seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            walk(parameterized.getRawType(), enums, seen);
            for (Type argument : parameterized.getActualTypeArguments()) {
                walk(argument, enums, seen);
            }
        } else if (type instanceof Class<?> c) {
            if (c.isEnum()) {
                enums.add(c);
            } else if (c.isArray()) {
                walk(c.getComponentType(), enums, seen);
            } else if (c.isRecord()) {
                for (RecordComponent component : c.getRecordComponents()) {
                    walk(component.getGenericType(), enums, seen);
                }
            }
        }
    }
}
