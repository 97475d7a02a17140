package dev.bridgekeeper.platform.web;

import dev.bridgekeeper.platform.error.ErrorResponses;
import dev.bridgekeeper.platform.error.JsonErrorReportValve;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Tomcat's own refusals (a URL it cannot decode, before any filter runs) answer with Codat's ErrorMessage JSON
 * instead of its HTML page: {@link JsonErrorReportValve} replaces the host's error report valve.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

    @Bean
    JsonErrorReports jsonErrorReports(ErrorResponses errors) {
        return new JsonErrorReports(errors);
    }

    /** Runs after Spring Boot's own customizer (order 0), which installs the HTML valve this one takes out. */
    static final class JsonErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        private final ErrorResponses errors;

        JsonErrorReports(ErrorResponses errors) {
            this.errors = errors;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                Pipeline pipeline = host.getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new JsonErrorReportValve(errors));
                if (host instanceof StandardHost standard) {
                    // else the host adds its default HTML valve at start, finding none of that exact class
                    standard.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
