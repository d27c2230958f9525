package org.concord.node;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * The container's error page ({@code /error}), in place of Spring Boot's: every error the servlet
 * container or Spring Security sends with {@code sendError} (a malformed request, an unknown path,
 * a method or media type not served, a body too large) comes here and leaves as an RFC 9457 problem
 * document in UTF-8 (a TAXII error message under {@code /taxii2}), whatever the request accepts.
 * {@code /error} asked for directly is an unknown path: 404.
 */
@RestController
@ConditionalOnWebApplication
class ErrorDocuments implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorDocuments.class);
    private final ObjectProvider<ErrorAttributes> errors;

    ErrorDocuments(ObjectProvider<ErrorAttributes> errors) {
        this.errors = errors;
    }

    @io.swagger.v3.oas.annotations.Hidden
    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (request.getDispatcherType() != DispatcherType.ERROR || !(code instanceof Integer)) {
            ProblemDocument.write(response, request.getRequestURI(), 404, "Not Found",
                    "no endpoint " + request.getMethod() + " " + request.getRequestURI(), Map.of("field", "path", "rule", "exists"));
            return;
        }
        int status = (Integer) code;
        ErrorAttributes attributes = errors.getIfAvailable();
        Throwable error = attributes != null ? attributes.getError(new ServletWebRequest(request))
                : (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String message = (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (status == 500 && DatabaseUnavailable.is(error)) {
            // the database is restarting or cut off: not the node's fault, and worth trying again
            log.warn("{} {} answered 503: the database does not answer ({})", request.getMethod(), path, rootCause(error));
            response.setHeader("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            ProblemDocument.write(response, path, 503, ProblemDocument.title(503),
                    "the node cannot reach its database just now; try again in a few seconds (read the case first: "
                            + "the request may or may not have been stored)", Map.of("retryAfterSeconds", DatabaseUnavailable.RETRY_AFTER_SECONDS));
            return;
        }
        String detail = detail(status, request, path, message, error, extra);
        if (status >= 500) {
            log.error("{} {} failed with {}", request.getMethod(), path, status, error);
        }
        ProblemDocument.write(response, path, status, ProblemDocument.title(status), detail, extra);
    }

    private static String detail(int status, HttpServletRequest request, String path, String message, Throwable error,
            Map<String, Object> extra) {
        String method = request.getMethod();
        switch (status) {
            case 404:
                extra.put("field", "path");
                extra.put("rule", "exists");
                return "no endpoint " + method + " " + path;
            case 405:
                extra.put("field", "method");
                extra.put("rule", "method-allowed");
                return "the method " + method + " is not allowed on " + path;
            case 406:
                extra.put("field", "Accept");
                extra.put("rule", "media-type");
                return "this endpoint answers JSON; the request's Accept header (" + request.getHeader("Accept") + ") excludes it";
            case 413:
                if (error instanceof MaxUploadSizeExceededException) {
                    extra.put("field", "body");
                    extra.put("rule", "max-size");
                }
                return "the request is larger than this endpoint accepts" + (blank(message) ? "" : ": " + message);
            case 415:
                extra.put("field", "Content-Type");
                extra.put("rule", "media-type");
                return "the request's Content-Type (" + request.getContentType() + ") is not accepted here; send application/json";
            case 500:
                return "the node failed to answer this request; its log has the details";
            default:
                if (status >= 500) {
                    return "the node cannot answer this request now";
                }
                return blank(message) ? "the request was refused (" + status + " " + ProblemDocument.title(status) + ")" : message;
        }
    }

    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
