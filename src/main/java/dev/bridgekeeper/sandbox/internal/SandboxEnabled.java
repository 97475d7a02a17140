package dev.bridgekeeper.sandbox.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/** Present only while {@code bridgekeeper.sandbox.enabled} is true (the default). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnBooleanProperty(name = "bridgekeeper.sandbox.enabled", matchIfMissing = true)
@interface SandboxEnabled {}
