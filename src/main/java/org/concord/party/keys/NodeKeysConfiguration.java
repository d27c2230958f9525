package org.concord.party.keys;

import java.time.Clock;

import org.concord.node.NodeSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads this node's keys at start, creating them on the very first start. */
@Configuration(proxyBeanMethods = false)
class NodeKeysConfiguration {

    @Bean
    FileNodeIdentity nodeIdentity(NodeSettings settings, Clock clock) {
        return FileNodeIdentity.loadOrCreate(settings, clock);
    }
}
