package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Scheduled work runs on one instance at a time under a database lock ({@link SchedulingLock}): every
 * {@code @Scheduled} method carries {@code @SchedulerLock}, and returns nothing. ShedLock's proxy refuses to
 * lock a method that returns a primitive ("Can not lock method returning primitive value"), so such a job
 * fails on every run of a node with scheduling on, and tests that call the method with scheduling off never
 * see it: the PSI's expiry of stale sessions did exactly that. Each lock is held for a minute at most, as
 * {@link SchedulingLock} keeps it alive while its job runs.
 */
class EveryScheduledJobTakesTheLockTest {

    @Test
    void everyScheduledMethodIsLockedAndReturnsNothing() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        List<String> scheduled = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (BeanDefinition bean : scanner.findCandidateComponents("org.concord")) {
            Class<?> type = Class.forName(bean.getBeanClassName());
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(Scheduled.class)) {
                    continue;
                }
                String name = type.getSimpleName() + "." + method.getName();
                scheduled.add(name);
                if (!method.isAnnotationPresent(SchedulerLock.class)) {
                    wrong.add(name + ": no @SchedulerLock");
                } else if (java.time.Duration.parse(method.getAnnotation(SchedulerLock.class).lockAtMostFor()).compareTo(java.time.Duration.ofMinutes(1)) > 0) {
                    // kept alive while the job runs (SchedulingLock), so a minute is enough; a longer one stops the job that long
                    // after its holder was killed or lost its release to a database restart
                    wrong.add(name + ": lockAtMostFor " + method.getAnnotation(SchedulerLock.class).lockAtMostFor() + ", over a minute");
                }
                if (method.getReturnType() != void.class) {
                    wrong.add(name + ": returns " + method.getReturnType().getSimpleName() + ", which ShedLock's proxy cannot lock");
                }
            }
        }
        assertThat(scheduled).as("the scan finds the node's jobs").hasSizeGreaterThanOrEqualTo(8);
        assertThat(wrong).isEmpty();
    }
}
