package org.concord.hotline.internal;

import org.concord.hotline.AcknowledgementPolicy;
import org.concord.hotline.HotlineType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares hotline calls to the workflow engine, with the acknowledgement deadlines as configured. */
@Configuration
class HotlineConfiguration {

    /**
     * The configured acknowledgement deadlines as a bean of the hotline's API type, so that other
     * modules (deconfliction: received unplanned events) apply the same FLASH deadline.
     */
    @Bean
    AcknowledgementPolicy hotlineAcknowledgementPolicy(HotlineSettings settings) {
        return settings.policy();
    }

    @Bean
    HotlineType hotlineType(AcknowledgementPolicy hotlineAcknowledgementPolicy) {
        return new HotlineType(hotlineAcknowledgementPolicy);
    }
}
