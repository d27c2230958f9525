package org.concord.exchange.taxii;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.concord.exchange.PartnerClock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every answer of the TAXII server states this node's clock, to the millisecond, in {@link PartnerClock#HEADER}: the
 * partner probe reads it to tell the operators of both nodes when their clocks drift apart, before the inbox's rule on the
 * time a message states refuses messages ({@link PartnerClock}). The clock is the one every module stamps its messages
 * with, and the time is taken as the request arrives, before anything else (so also on a refusal). Nothing secret: the
 * standard {@code Date} header already says as much to the second.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ClockHeader {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> clockHeaderFilter(Clock clock) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader(PartnerClock.HEADER, clock.instant().toString());
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/taxii2/*");
        return registration;
    }
}
