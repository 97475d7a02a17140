package dev.bridgekeeper.sandbox.internal;

import dev.bridgekeeper.platform.secrets.DevelopmentMode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Present only while the sandbox platforms run: {@code bridgekeeper.sandbox.enabled} when set, otherwise in
 * development mode only ({@link DevelopmentMode#sandboxesEnabled}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Conditional(SandboxEnabled.WhenEnabled.class)
@interface SandboxEnabled {

    final class WhenEnabled implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return DevelopmentMode.sandboxesEnabled(context.getEnvironment());
        }
    }
}
