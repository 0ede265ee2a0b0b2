package dev.trellis.bootstrap.wiring.observation;

import dev.trellis.application.RequestContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;

import java.util.HashMap;
import java.util.Map;

/**
 * Observes a call of a use case ({@code trellis.use-case}, named {@code CreateItem.handle}): a span inside the
 * request's, around the use case's transaction, with its SQL inside it, and a timer of the same name. A
 * {@link RequestContext} argument is handed on with the W3C {@code traceparent} of this span, so the outbox rows the
 * use case writes name it, and the relay's publish continues the trace from there.
 */
final class UseCaseObservation implements MethodInterceptor {

    static final String NAME = "trellis.use-case";

    private final ObservationRegistry registry;
    private final Tracer tracer;
    private final Propagator propagator;

    UseCaseObservation(ObservationRegistry registry, Tracer tracer, Propagator propagator) {
        this.registry = registry;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        String useCase = AopUtils.getTargetClass(invocation.getThis()).getSimpleName();
        String method = invocation.getMethod().getName();
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName(useCase + "." + method)
                .lowCardinalityKeyValue("use.case", useCase)
                .lowCardinalityKeyValue("method", method)
                .start();
        try (Observation.Scope ignored = observation.openScope()) {
            Object[] arguments = invocation.getArguments();
            for (int i = 0; i < arguments.length; i++) {
                if (arguments[i] instanceof RequestContext caller) {
                    arguments[i] = new RequestContext(caller.user(), traceParent(caller.traceParent()));
                }
            }
            return invocation.proceed();
        } catch (Throwable e) {
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    /** The current span's W3C {@code traceparent}; {@code otherwise} when there is no span (tracing off). */
    private String traceParent(String otherwise) {
        Span span = tracer.currentSpan();
        if (span == null) {
            return otherwise;
        }
        Map<String, String> headers = new HashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        return headers.getOrDefault("traceparent", otherwise);
    }
}
