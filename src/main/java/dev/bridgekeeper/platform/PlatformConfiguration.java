package dev.bridgekeeper.platform;

import java.time.Clock;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/** Beans every module shares. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    /** One clock for the whole application, so time-dependent policies are testable. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * A number where the API expects a string (or the reverse) is a 400 that names the field, not a
     * silent conversion: lenders should learn about a wrong type from us, not from Codat later.
     */
    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> builder.withCoercionConfigDefaults(config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
    }

    /**
     * PostgreSQL cannot store the NUL character (U+0000) in text or jsonb, so a body string carrying
     * one used to fail in the database as a 500. It is refused while the body is read instead: a 400
     * naming the field (see {@code ApiExceptionHandler}), before anything is written.
     */
    @Bean
    JsonMapperBuilderCustomizer noNulCharacters() {
        SimpleModule module = new SimpleModule("no-nul-characters");
        module.addDeserializer(String.class, new NulRejectingStrings());
        module.addKeyDeserializer(String.class, new NulRejectingKeys());
        return builder -> builder.addModule(module);
    }

    /** The standard string reading (coercion rules included), then the NUL check. */
    static final class NulRejectingStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            if (value != null && value.indexOf('\0') >= 0) {
                throw ctxt.weirdStringException(value, String.class, "contains the NUL character");
            }
            return value;
        }
    }

    static final class NulRejectingKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) {
            if (key.indexOf('\0') >= 0) {
                throw ctxt.weirdKeyException(String.class, key, "contains the NUL character");
            }
            return key;
        }
    }
}
