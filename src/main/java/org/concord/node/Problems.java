package org.concord.node;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerMapping;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Every error of the REST API as an RFC 9457 problem document that names the field as the caller
 * sent it ({@code field}: a JSON property in camelCase with its path, {@code evidence[0]}, a path
 * variable such as {@code caseId}, a parameter) and the rule it breaks ({@code rule}), and lists
 * the values allowed ({@code allowed}) where only some are; so a caller can tell at once what to
 * change. 400 for input, 404 for something named that is not here (rule {@value NotFound#EXISTS}),
 * 409 for a clash with what is stored (the rule of the state it breaks).
 */
@RestControllerAdvice(basePackages = "org.concord")
class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    @ExceptionHandler(InvalidInput.class)
    ProblemDetail invalid(InvalidInput e, HttpServletRequest request) {
        // an unknown property is named exactly as sent, whatever its spelling
        String field = InvalidInput.UNKNOWN_PROPERTY.equals(e.rule()) ? e.field() : FieldNames.asSent(request.getRequestURI(), e.field());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", renamed(e.getMessage(), e.field(), field));
        problem.setProperty("field", field);
        problem.setProperty("rule", e.rule());
        if (e.allowed() != null) {
            problem.setProperty("allowed", e.allowed());
        }
        return problem;
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e, HttpServletRequest request) {
        String field = FieldNames.asSent(request.getRequestURI(), e.field());
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Conflict", renamed(e.getMessage(), e.field(), field));
        problem.setProperty("field", field);
        problem.setProperty("rule", e.rule());
        return problem;
    }

    /**
     * The field of a 404 is the one the caller used to name the missing thing: what the thrower
     * named, or else (the older constructor, whose field is a STIX property or none) the request's
     * path variable; failing both, {@code path}.
     */
    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e, HttpServletRequest request) {
        String field = e.fieldGiven() ? FieldNames.asSent(request.getRequestURI(), e.field()) : null;
        if (field == null) {
            field = lastPathVariable(request);
        }
        if (field == null) {
            field = e.field() != null ? FieldNames.asSent(request.getRequestURI(), e.field()) : "path";
        }
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Not found", field + ": " + e.explanation());
        problem.setProperty("field", field);
        problem.setProperty("rule", e.rule());
        return problem;
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input",
                e.getParameterName() + ": required request parameter is missing");
        problem.setProperty("field", e.getParameterName());
        problem.setProperty("rule", "required");
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        Class<?> required = e.getRequiredType();
        if (required != null && required.isEnum()) {
            List<String> allowed = constants(required);
            return invalid(e.getName(), InvalidInput.ONE_OF,
                    "'" + e.getValue() + "' is not one of " + String.join(", ", allowed), allowed);
        }
        String type = required == null ? "value" : required.getSimpleName().toLowerCase(Locale.ROOT);
        return invalid(e.getName(), type, "'" + e.getValue() + "' is not a valid " + type, null);
    }

    @ExceptionHandler(RequestBodyLimit.BodyTooLarge.class)
    ProblemDetail tooLarge(RequestBodyLimit.BodyTooLarge e) {
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large", e.getMessage());
        RequestBodyLimit.members(e.limit()).forEach(problem::setProperty);
        return problem;
    }

    /**
     * A body that does not parse, or does not fit the endpoint: an unknown property (named as sent,
     * with the properties this body has), a value of the wrong type, or an unknown enum value (with
     * the values allowed).
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimit.BodyTooLarge tooLarge) {
                return tooLarge(tooLarge);
            }
        }
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof PropertyBindingException unknown) {
            String field = path(unknown);
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return invalid(field, "unknown-property", "'" + unknown.getPropertyName() + "' is not a property of this body"
                    + (known.isEmpty() ? "" : "; its properties are " + String.join(", ", known)), known);
        }
        if (cause instanceof MismatchedInputException mismatched && !path(mismatched).isEmpty()) {
            String field = path(mismatched);
            Class<?> target = mismatched.getTargetType();
            if (target != null && target.isEnum()) {
                List<String> allowed = constants(target);
                Object value = mismatched instanceof tools.jackson.databind.exc.InvalidFormatException invalid ? invalid.getValue() : null;
                return invalid(field, InvalidInput.ONE_OF, (value == null ? "the value" : "'" + value + "'") + " is not one of "
                        + String.join(", ", allowed), allowed);
            }
            String type = target == null ? "value" : jsonType(target);
            return invalid(field, type, "must be " + article(type) + " " + type + ": " + InvalidInput.describe(mismatched), null);
        }
        String detail = "the request body is not valid JSON";
        if (cause instanceof JacksonException jackson) {
            detail = "the request body is not valid JSON: " + InvalidInput.describe(jackson);
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail);
        problem.setProperty("field", "body");
        problem.setProperty("rule", "json");
        log.debug("unreadable request body: {}", detail);
        return problem;
    }

    private static ProblemDetail invalid(String field, String rule, String explanation, List<String> allowed) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", field + ": " + explanation);
        problem.setProperty("field", field);
        problem.setProperty("rule", rule);
        if (allowed != null) {
            problem.setProperty("allowed", allowed);
        }
        return problem;
    }

    /** The JSON path of the property at fault, as the caller wrote it: {@code terms.evidence[0].ref}. */
    static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static List<String> constants(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return type == Double.class || type == double.class || type == Float.class || type == float.class ? "number" : "integer";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\{\\*?([^}:]+)(?::[^}]*)?}");

    /**
     * The request's last path variable, e.g. {@code callId} of {@code /console/hotline/{partner}/calls/{callId}/acknowledge},
     * or null: the last {@code {...}} of the pattern matched. Spring's map of the variables is a {@code HashMap}, whose
     * order is not the path's; it is only read when no pattern is at hand.
     */
    static String lastPathVariable(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
            String last = null;
            java.util.regex.Matcher variable = VARIABLE.matcher(pattern);
            while (variable.find()) {
                last = variable.group(1);
            }
            if (last != null) {
                return last;
            }
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && !variables.isEmpty()) {
            List<Object> names = new ArrayList<>(variables.keySet());
            return String.valueOf(names.get(names.size() - 1));
        }
        return null;
    }

    /** The text with the field it begins with written as the caller wrote it. */
    private static String renamed(String message, String field, String asSent) {
        if (field == null || field.equals(asSent) || message == null || !message.startsWith(field + ":")) {
            return message;
        }
        return asSent + message.substring(field.length());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return problem;
    }
}
