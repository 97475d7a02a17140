package dev.bridgekeeper.platform.jobs;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches on instances whose {@link InstanceRole} runs background work ({@code all}, {@code worker}): for
 * background components outside db-scheduler, such as the webhook dispatcher, so an {@code api} instance never
 * even creates them. Use with {@code @Conditional(RunsBackgroundWork.class)}.
 */
public class RunsBackgroundWork implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return InstanceRole.of(context.getEnvironment()).runsBackgroundWork();
    }
}
