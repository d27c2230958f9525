package org.concord.exchange;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Makes a test node answer as a node from before {@code POST /ledger/receipts} existed: that request gets the 405 an
 * older node's {@code GET}-only mapping gives, before any other filter sees it; everything else is the node's own.
 * Added to one node's context through {@code spring.main.sources}; deliberately not a {@code @Configuration}, so that
 * component scanning never adds it to the other test nodes.
 */
public class OlderPartnerWithoutReceiptBatches {

    /** How many batched receipt requests this node has turned away, in this JVM. */
    public static final AtomicInteger REFUSED = new AtomicInteger();

    @Bean
    FilterRegistrationBean<Filter> noBatchedReceipts() {
        Filter filter = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            if ("POST".equals(http.getMethod()) && "/ledger/receipts".equals(http.getRequestURI())) {
                REFUSED.incrementAndGet();
                HttpServletResponse answer = (HttpServletResponse) response;
                answer.setStatus(405);
                answer.setHeader("Allow", "GET");
                try {
                    answer.getWriter().write("{\"error\":\"method not allowed\"}");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return;
            }
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/ledger/receipts");
        return registration;
    }
}
