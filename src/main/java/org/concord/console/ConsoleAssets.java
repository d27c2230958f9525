package org.concord.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console's own files ({@code static/console/assets}, served by Boot) and the libraries it takes
 * from webjars, under {@code /console/assets/webjars/...}: only under the console's path, so that they
 * stay behind the console's security chain and nothing else of the node changes.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleAssets implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/assets/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/");
    }
}
