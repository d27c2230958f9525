package org.concord.party.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.concord.node.ProblemDocument;
import org.springframework.security.core.AuthenticationException;

/**
 * Refusals written by the security filters, in the same shape as every other error of the node
 * ({@link ProblemDocument}): an RFC 9457 problem document in UTF-8, or under {@code /taxii2} a TAXII
 * 2.1 error message typed exactly {@code application/taxii+json;version=2.1}. Written as bytes, so
 * that the container adds no {@code charset} of its own: the OASIS TAXII client found a 401 labelled
 * {@code charset=ISO-8859-1} (issue 10).
 */
final class Problem {

    private Problem() {
    }

    static void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Concord\", Bearer realm=\"Concord\"");
        write(request, response, 401, "Unauthorized",
                "log in with HTTP Basic (user and password) or a bearer token, or present a partner certificate");
    }

    /** A problem document, or under {@code /taxii2} a TAXII error message, unless the response is committed. */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        write(request, response, status, title, detail, Map.of());
    }

    /** As above, with {@code extra} members (under {@code details} in a TAXII error message). */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail,
            Map<String, Object> extra) throws IOException {
        ProblemDocument.write(response, request.getRequestURI(), status, title, detail, extra);
    }
}
