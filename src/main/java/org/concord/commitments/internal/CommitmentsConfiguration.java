package org.concord.commitments.internal;

import org.concord.commitments.CommitmentType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares commitments to the workflow engine, with reminders and escalation as configured. */
@Configuration
@EnableConfigurationProperties(CommitmentSettings.class)
class CommitmentsConfiguration {

    @Bean
    CommitmentType commitmentType(CommitmentSettings settings) {
        return new CommitmentType(settings.policy());
    }
}
