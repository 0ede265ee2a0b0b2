package planted.rogueconfig.adapter.web;

import org.springframework.boot.SpringBootConfiguration;

@SpringBootConfiguration
public class WebBootConfiguration {
}
