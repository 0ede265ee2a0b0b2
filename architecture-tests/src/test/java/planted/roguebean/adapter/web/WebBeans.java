package planted.roguebean.adapter.web;

import org.springframework.context.annotation.Bean;

import java.time.Clock;

public class WebBeans {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
