package planted.rogueconfig.adapter.messaging;

import org.springframework.scheduling.annotation.EnableScheduling;

@EnableScheduling
public class RelaySchedule {
}
