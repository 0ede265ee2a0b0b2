package planted.rogueconfig.adapter.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class WebApplication {
}
