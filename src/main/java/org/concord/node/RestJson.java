package org.concord.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;

/**
 * The JSON of the REST API, the same for every module:
 *
 * <ul>
 * <li>camelCase property names (Java's own), values as plain JSON: a value object such as a party
 * code or a STIX id is a string ({@code @JsonValue} on the type), never {@code {"value": "IR"}};</li>
 * <li>times are ISO 8601 instants ({@code 2024-01-16T18:00:00Z}), never numbers;</li>
 * <li>a duration is ISO 8601 ({@code PT48H3M12.5S}) with a readable twin, the property's name with
 * {@code Text} ({@code "beforeDueText": "48 h 3 min"}, {@link Durations});</li>
 * <li>a request body with a property the endpoint does not know is refused (400, naming the
 * property as sent and listing the ones it has), not silently ignored: {@code claim_ref} where
 * {@code claimRef} is meant would otherwise be lost without a word. Only REST bodies bound to
 * types are held to this; STIX (the TAXII server, intel import) is parsed as a tree and keeps every
 * custom property, as STIX requires.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class RestJson {

    /** The suffix of a duration's readable twin. */
    static final String READABLE = "Text";

    @Bean
    JsonMapperBuilderCustomizer readableDurations() {
        return builder -> builder.addModule(new SimpleModule("concord-rest-json").setSerializerModifier(new DurationTwins()));
    }

    /**
     * The converter of REST bodies and answers: Boot's, with its mapper refusing unknown properties
     * in bodies. It takes the place of Boot's JSON converter in the list, so that the order of the
     * converters stays Boot's (a {@code String} answer is still written as it is).
     */
    @Bean
    @ConditionalOnWebApplication
    ServerHttpMessageConvertersCustomizer refuseUnknownProperties(JsonMapper mapper) {
        JsonMapper strict = mapper.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        return builder -> builder.configureMessageConvertersList(converters -> converters.replaceAll(
                converter -> converter.getClass() == JacksonJsonHttpMessageConverter.class
                        ? new JacksonJsonHttpMessageConverter(strict) : converter));
    }

    /** Writes each {@link Duration} property with its readable twin. */
    static final class DurationTwins extends ValueSerializerModifier {
        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription.Supplier description,
                List<BeanPropertyWriter> properties) {
            List<BeanPropertyWriter> out = new ArrayList<>(properties.size());
            for (BeanPropertyWriter property : properties) {
                out.add(property.getType().hasRawClass(Duration.class) ? new WithReadableTwin(property) : property);
            }
            return out;
        }
    }

    static final class WithReadableTwin extends BeanPropertyWriter {
        WithReadableTwin(BeanPropertyWriter base) {
            super(base);
        }

        @Override
        public void serializeAsProperty(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
            super.serializeAsProperty(bean, generator, context);
            if (get(bean) instanceof Duration duration) {
                generator.writeStringProperty(getName() + READABLE, Durations.readable(duration));
            }
        }
    }
}
