package planted.rogueconfig.adapter.persistence;

import org.springframework.context.annotation.Configuration;

@Configuration
public class PersistenceConfig {
}
