package org.concord.node;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import tools.jackson.core.JacksonException;

/**
 * Every error of the REST API as an RFC 9457 problem document that names the field and the rule,
 * so a caller can tell at once what to change.
 */
@RestControllerAdvice(basePackages = "org.concord")
class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    @ExceptionHandler(InvalidInput.class)
    ProblemDetail invalid(InvalidInput e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage());
        problem.setProperty("field", e.field());
        problem.setProperty("rule", e.rule());
        return problem;
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input",
                e.getParameterName() + ": required request parameter is missing");
        problem.setProperty("field", e.getParameterName());
        problem.setProperty("rule", "required");
        return problem;
    }

    @ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException e) {
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input",
                e.getName() + ": '" + e.getValue() + "' is not a valid " + type);
        problem.setProperty("field", e.getName());
        problem.setProperty("rule", type);
        return problem;
    }

    @ExceptionHandler(RequestBodyLimit.BodyTooLarge.class)
    ProblemDetail tooLarge(RequestBodyLimit.BodyTooLarge e) {
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large", e.getMessage());
        RequestBodyLimit.members(e.limit()).forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimit.BodyTooLarge tooLarge) {
                return tooLarge(tooLarge);
            }
        }
        String detail = "the request body is not valid JSON";
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof JacksonException jackson) {
            detail = "the request body is not valid JSON: " + InvalidInput.describe(jackson);
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail);
        problem.setProperty("field", "body");
        problem.setProperty("rule", "json");
        log.debug("unreadable request body: {}", detail);
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return problem;
    }
}
