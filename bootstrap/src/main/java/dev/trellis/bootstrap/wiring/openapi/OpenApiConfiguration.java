package dev.trellis.bootstrap.wiring.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The OpenAPI description springdoc builds from the controllers ({@code /v3/api-docs}, browsable at
 * {@code /swagger-ui.html}), with how a caller signs in: Better Auth's session cookie or the same
 * token as a bearer. Both paths are public (only {@code /api/**} needs a session), and so is the event
 * contract under {@code /events}.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String COOKIE = "session-cookie";
    static final String BEARER = "bearer-token";

    @Bean
    OpenAPI trellisOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Trellis API").version("1")
                        .description("Items, tags, files and the signed-in user's profile and settings, plus Better Auth's "
                                + "endpoints under /api/auth. Errors are RFC 9457 problems with a stable `code` "
                                + "(Better Auth's own shape under /api/auth). Writes take `If-Match` with the `ETag` a read gave."))
                .components(new Components()
                        .addSecuritySchemes(COOKIE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("better-auth.session_token")
                                .description("the signed session cookie that sign-in sets; writes also need a trusted Origin"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("the set-auth-token header of sign-in, as Authorization: Bearer <token>")))
                .addSecurityItem(new SecurityRequirement().addList(COOKIE))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** The event contract ({@code /events/**}) is served without a session: its operations need no security. */
    @Bean
    OpenApiCustomizer publicEventContract() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/events/")) {
                item.readOperations().forEach(operation -> operation.setSecurity(List.of()));
            }
        });
    }
}
