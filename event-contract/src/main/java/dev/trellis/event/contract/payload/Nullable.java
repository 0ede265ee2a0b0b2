package dev.trellis.event.contract.payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A payload property whose value may be {@code null} (its schema allows null). The property is present all
 * the same: every property a schema lists is always there, and no value is {@code null}. A component without
 * it is never null ({@code EventDecoder} refuses a payload where it is).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Nullable {
}
