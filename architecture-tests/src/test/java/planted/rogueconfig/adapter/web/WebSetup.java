package planted.rogueconfig.adapter.web;

import org.springframework.context.annotation.Configuration;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Violation through a composed annotation. */
@WebSetup.AdapterConfiguration
public class WebSetup {
    @Configuration
    @Retention(RetentionPolicy.RUNTIME)
    @interface AdapterConfiguration {
    }
}
