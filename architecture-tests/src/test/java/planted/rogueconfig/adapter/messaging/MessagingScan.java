package planted.rogueconfig.adapter.messaging;

import org.springframework.context.annotation.ComponentScan;

@ComponentScan
public class MessagingScan {
}
