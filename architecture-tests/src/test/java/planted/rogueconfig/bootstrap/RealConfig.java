package planted.rogueconfig.bootstrap;

import org.springframework.context.annotation.Configuration;

/** Not a violation: configuration belongs here. */
@Configuration
public class RealConfig {
}
