package org.concord.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an error straight onto a servlet response, for the places that answer before or outside
 * Spring MVC (the container's error page, Tomcat's own rejections, the request-body limit): an RFC
 * 9457 problem document ({@code application/problem+json}, UTF-8), or under {@code /taxii2} a TAXII
 * 2.1 error message (section 3.6.1, {@code application/taxii+json;version=2.1}), the shapes every
 * other error of the node has.
 */
public final class ProblemDocument {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1";

    private ProblemDocument() {
    }

    /** True for paths of the TAXII server, whose errors are TAXII error messages. */
    public static boolean taxii(String path) {
        return path != null && (path.equals("/taxii2") || path.startsWith("/taxii2/"));
    }

    /**
     * The body of a problem document with {@code extra} members, or, for a TAXII path, a TAXII error
     * message with {@code extra} under {@code details}.
     */
    public static byte[] body(String path, int status, String title, String detail, Map<String, Object> extra) {
        ObjectNode body = JSON.createObjectNode();
        if (taxii(path)) {
            body.put("title", title);
            body.put("description", detail);
            body.put("http_status", String.valueOf(status));
            if (!extra.isEmpty()) {
                // Section 3.6.1 "details": what a program reads, e.g. the parameter and the rule.
                ObjectNode details = body.putObject("details");
                extra.forEach((name, value) -> details.set(name, JSON.valueToTree(value)));
            }
            return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } else {
            body.put("type", "about:blank");
            body.put("title", title);
            body.put("status", status);
            body.put("detail", detail);
        }
        extra.forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    public static String contentType(String path) {
        return taxii(path) ? TAXII_MEDIA_TYPE : "application/problem+json;charset=UTF-8";
    }

    /** Writes the document unless the response is already committed; returns whether it did. */
    public static boolean write(HttpServletResponse response, String path, int status, String title, String detail,
            Map<String, Object> extra) throws IOException {
        if (response.isCommitted()) {
            return false;
        }
        byte[] body = body(path, status, title, detail, extra);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(contentType(path));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
        return true;
    }

    /** The usual title of an HTTP status. */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
