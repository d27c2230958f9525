package org.concord.exchange.web;

import java.net.URI;

import org.concord.exchange.UnshareableReference;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A message refused because it refers to an object the partner may not see is 422 (the request is
 * well formed, its content may not go to that partner), as an RFC 9457 problem document naming the
 * field (the reference's path in the message), the rule and the reference. Ordered before the
 * node's general handler of invalid input (400).
 */
@RestControllerAdvice(basePackages = "org.concord")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ExchangeProblems {

    @ExceptionHandler(UnshareableReference.class)
    ProblemDetail unshareable(UnshareableReference e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Reference not shared with the partner");
        problem.setType(URI.create("about:blank"));
        problem.setProperty("field", e.field());
        problem.setProperty("rule", e.rule());
        problem.setProperty("reference", e.reference());
        return problem;
    }
}
