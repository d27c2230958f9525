package org.concord.node;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The size limit on every request body outside the TAXII server (which has its own,
 * {@code max_content_length}) and the import of an intel bundle, over the API or the console's upload (which has its own,
 * {@code concord.intel.max-import-bytes}): {@code concord.api.max-body-size}, 1 MiB by default; the import of a watchlist
 * ({@code POST /api/screening/lists/{source}}) is held to {@code concord.screening.max-import-bytes}, 256 MiB by default,
 * the same way. A larger body is refused with 413 and a
 * problem document naming {@code body}, the rule {@code max-size} and the limit: at once when its
 * {@code Content-Length} says so, else as soon as the reading passes the limit. The check runs
 * before authentication, so nobody can make the node read more than the limit.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class RequestBodyLimit {

    static final String BUNDLE_PATH = "/api/intel/bundle";
    /** The console's bundle upload: the same import, the same limit ({@code concord.intel.max-import-bytes}, console.IntelUploads). */
    static final String CONSOLE_BUNDLE_PATH = "/console/intel/bundles";

    /** The import of a watchlist: a whole list as the body, with a limit of its own ({@code concord.screening.max-import-bytes}). */
    static final String LIST_PATH = "/api/screening/lists/";
    /** The console's import of a watchlist (console.ScreeningPageController): the same import, the same limit. */
    static final String CONSOLE_LIST_PATH = "/console/screening/lists/";
    private static final java.util.List<String> LIST_PATHS = java.util.List.of(LIST_PATH, CONSOLE_LIST_PATH);

    @Bean
    FilterRegistrationBean<LimitFilter> requestBodyLimitFilter(@Value("${concord.api.max-body-size:1MB}") DataSize apiLimit,
            @Value("${concord.screening.max-import-bytes:256MB}") DataSize listLimit) {
        FilterRegistrationBean<LimitFilter> registration = new FilterRegistrationBean<>(new LimitFilter(apiLimit.toBytes(),
                listLimit.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** A body read past its limit; becomes 413 (see {@link Problems}). */
    static final class BodyTooLarge extends IOException {
        private final long limit;

        BodyTooLarge(long limit) {
            super("body: the request body is larger than " + limit + " bytes, the most this endpoint accepts");
            this.limit = limit;
        }

        long limit() {
            return limit;
        }
    }

    static Map<String, Object> members(long limit) {
        return Map.of("field", "body", "rule", "max-size", "limit", limit);
    }

    static final class LimitFilter extends OncePerRequestFilter {
        private final long apiLimit;
        private final long listLimit;

        LimitFilter(long apiLimit, long listLimit) {
            this.apiLimit = apiLimit;
            this.listLimit = listLimit;
        }

        /**
         * The limit on a request to {@code path}: a watchlist's own for the import of a list (the UN's consolidated list
         * is 1.6 MB, a national list of a million aliases far more), the API's for every other body.
         */
        long limitFor(String path) {
            for (String list : LIST_PATHS) {
                if (path.startsWith(list) && path.indexOf('/', list.length()) < 0) {
                    return listLimit;
                }
            }
            return apiLimit;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI();
            if (ProblemDocument.taxii(path) || path.equals(BUNDLE_PATH) || path.equals(BUNDLE_PATH + "/")
                    || path.equals(CONSOLE_BUNDLE_PATH)) {
                chain.doFilter(request, response);
                return;
            }
            long limit = limitFor(path);
            long length = request.getContentLengthLong();
            if (length > limit) {
                response.setHeader("Connection", "close");
                ProblemDocument.write(response, path, 413, "Content Too Large", "body: the request body has " + length
                        + " bytes; this endpoint accepts at most " + limit, members(limit));
                return;
            }
            chain.doFilter(new Limited(request, limit), response);
        }
    }

    /** A request whose body stream fails with {@link BodyTooLarge} once more than the limit is read. */
    static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }

    static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private int count(int n) throws BodyTooLarge {
            if (n > 0) {
                read += n;
                if (read > limit) {
                    throw new BodyTooLarge(limit);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return count(in.read(b, off, len));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
