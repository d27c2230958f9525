package org.concord.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat's own refusals (a request line or header it cannot parse, an invalid character in the URL,
 * a header too large) never reach Spring; Tomcat's error report valve writes them, in HTML. This
 * replaces that valve with one that writes the same RFC 9457 problem document (TAXII error message
 * under {@code /taxii2}) as every other error, and nothing about the server.
 */
@Component
@ConditionalOnWebApplication
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.getParent() instanceof StandardHost host) {
                useProblemValve(host);
            }
        }));
    }

    /** Runs after Spring Boot's customizer, which adds its own error report valve. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static void useProblemValve(StandardHost host) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.setErrorReportValveClass(ProblemReportValve.class.getName());
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ProblemReportValve) {
                return;
            }
        }
        host.getPipeline().addValve(new ProblemReportValve());
    }

    /** Tomcat's error report valve, writing a problem document instead of an HTML page. */
    public static class ProblemReportValve extends ErrorReportValve {

        public ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            String path = request.getDecodedRequestURI();
            String message = response.getMessage();
            String detail = message == null || message.isBlank()
                    ? "the request was refused by the server (" + status + " " + ProblemDocument.title(status) + ")"
                    : message;
            if (status >= 500) {
                detail = "the node failed to answer this request; its log has the details";
            }
            String body = new String(ProblemDocument.body(path, status, ProblemDocument.title(status), detail, Map.of()),
                    StandardCharsets.UTF_8);
            try {
                response.setContentType(ProblemDocument.contentType(path));
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                java.io.Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone; nothing more to say to it
            }
        }
    }
}
