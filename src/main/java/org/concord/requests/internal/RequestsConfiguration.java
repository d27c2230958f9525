package org.concord.requests.internal;

import org.concord.requests.RequestType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares requests for action to the workflow engine, with the deadlines as configured. */
@Configuration
@EnableConfigurationProperties(RequestDeadlineSettings.class)
class RequestsConfiguration {

    @Bean
    RequestType requestType(RequestDeadlineSettings settings) {
        return new RequestType(settings.policy());
    }
}
