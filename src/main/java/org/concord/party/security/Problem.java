package org.concord.party.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Refusals written by the security filters, in the same RFC 9457 shape as every other error. */
final class Problem {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problem() {
    }

    static void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Concord\", Bearer realm=\"Concord\"");
        write(request, response, 401, "Unauthorized",
                "log in with HTTP Basic (user and password) or a bearer token, or present a partner certificate");
    }

    /** As {@link #write(HttpServletResponse, int, String, String)}, in TAXII's error format under {@code /taxii2}. */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        write(request, response, status, title, detail, java.util.Map.of());
    }

    /** As above, with {@code extra} members (under {@code details} in a TAXII error message). */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail,
            java.util.Map<String, Object> extra) throws IOException {
        if (request.getRequestURI().startsWith("/taxii2")) {
            if (response.isCommitted()) {
                return;
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("title", title);
            body.put("description", detail);
            body.put("http_status", String.valueOf(status));
            if (!extra.isEmpty()) {
                ObjectNode details = body.putObject("details");
                extra.forEach((name, value) -> details.set(name, JSON.valueToTree(value)));
            }
            response.setStatus(status);
            response.setContentType("application/taxii+json;version=2.1");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(JSON.writeValueAsString(body));
            return;
        }
        write(response, status, title, detail, extra);
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        write(response, status, title, detail, java.util.Map.of());
    }

    static void write(HttpServletResponse response, int status, String title, String detail, java.util.Map<String, Object> extra)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        extra.forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
