package dev.trellis.bootstrap.wiring.observation;

import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The use cases' observation, and the JDBC spans worth keeping. The application module knows nothing of it (no
 * Spring there but {@code @Transactional}): the use cases are observed from here, by a proxy around their beans.
 */
@Configuration(proxyBeanMethods = false)
public class ObservationConfiguration {

    static final String APPLICATION_PACKAGE = "dev.trellis.application.";

    /**
     * Every public method of a bean of the application module is a use case's entry; observed outside its
     * transaction, so the span covers the commit. Infrastructure role: the auto-proxy creator that applies
     * {@code @Transactional} applies it too.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor useCaseObservationAdvisor(ObjectProvider<ObservationRegistry> registry, ObjectProvider<Tracer> tracer,
                                             ObjectProvider<Propagator> propagator) {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new UseCases(), new LazyUseCaseObservation(
                registry, tracer, propagator));
        advisor.setOrder(Ordered.LOWEST_PRECEDENCE - 1); // outside the transaction interceptor (lowest precedence)
        return advisor;
    }

    /**
     * JDBC spans only inside an observation (a request, a use case, a scheduled task): the relay's own queries
     * (leader lock, progress, retention) would otherwise each start a trace of their own, several a second.
     */
    @Bean
    ObservationPredicate jdbcOnlyInsideAnObservation(ObjectProvider<ObservationRegistry> registry) {
        return (name, context) -> !name.startsWith("jdbc.") || registry.getObject().getCurrentObservation() != null;
    }

    /** Public methods of the application module's (non-final) classes, but Object's. */
    private static final class UseCases extends StaticMethodMatcherPointcut {

        UseCases() {
            setClassFilter(type -> type.getName().startsWith(APPLICATION_PACKAGE) && !Modifier.isFinal(type.getModifiers()));
        }

        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            return Modifier.isPublic(method.getModifiers()) && method.getDeclaringClass() != Object.class
                    && method.getDeclaringClass().getName().startsWith(APPLICATION_PACKAGE);
        }
    }

    /** Resolves the registry and tracer at the first call: the advisor is made before them. */
    private static final class LazyUseCaseObservation implements org.aopalliance.intercept.MethodInterceptor {

        private final ObjectProvider<ObservationRegistry> registry;
        private final ObjectProvider<Tracer> tracer;
        private final ObjectProvider<Propagator> propagator;
        private volatile UseCaseObservation observation;

        LazyUseCaseObservation(ObjectProvider<ObservationRegistry> registry, ObjectProvider<Tracer> tracer,
                               ObjectProvider<Propagator> propagator) {
            this.registry = registry;
            this.tracer = tracer;
            this.propagator = propagator;
        }

        @Override
        public Object invoke(org.aopalliance.intercept.MethodInvocation invocation) throws Throwable {
            UseCaseObservation resolved = observation;
            if (resolved == null) {
                resolved = new UseCaseObservation(registry.getIfAvailable(() -> ObservationRegistry.NOOP),
                        tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
                observation = resolved;
            }
            return resolved.invoke(invocation);
        }
    }
}
