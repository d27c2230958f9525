package org.concord.node;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The query string of every request, before anything reads it: a NUL (U+0000) in a parameter's
 * name or value is refused with 400 naming the parameter and the rule {@code no-control-characters}
 * (a NUL cannot be stored in, or even sent to, PostgreSQL, and once answered 500); so is a query
 * string that is not valid percent-encoded UTF-8. Endpoints hold their parameters to stricter
 * rules of their own ({@link Limits}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class QueryParameters {

    @Bean
    FilterRegistrationBean<NulFilter> queryParameterFilter() {
        FilterRegistrationBean<NulFilter> registration = new FilterRegistrationBean<>(new NulFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
        registration.addUrlPatterns("/*");
        return registration;
    }

    static final class NulFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String query = request.getQueryString();
            if (query != null && !query.isEmpty()) {
                for (String pair : query.split("&")) {
                    int equals = pair.indexOf('=');
                    String name;
                    String value;
                    try {
                        name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                        value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        refuse(request, response, "query", "percent-encoding", "the query string is not valid percent-encoding: "
                                + e.getMessage());
                        return;
                    }
                    if (name.indexOf('\u0000') >= 0 || value.indexOf('\u0000') >= 0) {
                        String field = name.replace("\u0000", "\\u0000");
                        refuse(request, response, field, "no-control-characters",
                                "contains the control character U+0000 (NUL); none are allowed here");
                        return;
                    }
                }
            }
            chain.doFilter(request, response);
        }

        private static void refuse(HttpServletRequest request, HttpServletResponse response, String field, String rule,
                String explanation) throws IOException {
            ProblemDocument.write(response, request.getRequestURI(), 400, "Bad Request", field + ": " + explanation,
                    Map.of("field", field, "rule", rule));
        }
    }
}
