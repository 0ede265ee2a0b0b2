package planted.rogueconfig.adapter.messaging;

import org.springframework.boot.autoconfigure.AutoConfiguration;

@AutoConfiguration
public class MessagingAutoConfiguration {
}
