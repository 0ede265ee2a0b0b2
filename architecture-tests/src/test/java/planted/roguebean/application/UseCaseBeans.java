package planted.roguebean.application;

import org.springframework.context.annotation.Bean;

public class UseCaseBeans {
    @Bean
    static String useCaseName() {
        return "create-item";
    }
}
