package dev.trellis.adapter.web.error;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.trellis.application.auth.AuthFailure;
import dev.trellis.domain.item.IllegalStatusTransition;
import dev.trellis.domain.shared.ItemId;
import dev.trellis.domain.item.ItemStatus;
import dev.trellis.domain.shared.DataAccessFailure;
import dev.trellis.domain.shared.InvalidInput;
import dev.trellis.domain.shared.NotFound;
import dev.trellis.domain.shared.StaleVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ErrorAdviceTest {

    private static final String SECRET_SQL = "ERROR: select * from secret where token = 'abc'";
    private static final ItemId ITEM = new ItemId("itm_AbCdEfGh1234");

    /** Throws on demand whatever the advice must translate. */
    @RestController
    static class ThrowingController {

        record Body(String title) {
        }

        @GetMapping("/invalid-input")
        void invalidInput() {
            throw new InvalidInput("title", "text.blank", "must not be blank");
        }

        @GetMapping("/not-found")
        void notFound() {
            throw new NotFound("item", ITEM);
        }

        @GetMapping("/illegal-transition")
        void illegalTransition() {
            throw new IllegalStatusTransition(ITEM, ItemStatus.ARCHIVED, ItemStatus.PUBLISHED);
        }

        @GetMapping("/stale-version")
        void staleVersion() {
            throw new StaleVersion("item", ITEM);
        }

        @GetMapping("/data/{kind}")
        void dataAccessFailure(@PathVariable String kind) {
            SQLException cause = new SQLException(SECRET_SQL, "23505");
            throw switch (kind) {
                case "duplicate" -> new DataAccessFailure.DuplicateValue("users_email_key", cause);
                case "reference" -> new DataAccessFailure.MissingReference("items_user_id_fkey", cause);
                case "value" -> new DataAccessFailure.MissingValue("items_title_not_null", cause);
                case "rejected" -> new DataAccessFailure.RejectedValue("tags_color_check", cause);
                case "timeout" -> new DataAccessFailure.QueryTimeout(cause);
                case "unavailable" -> new DataAccessFailure.StorageUnavailable(cause);
                default -> new IllegalArgumentException(kind);
            };
        }

        @GetMapping("/boom")
        void boom() {
            throw new IllegalStateException(SECRET_SQL);
        }

        @PostMapping(path = "/body", consumes = MediaType.APPLICATION_JSON_VALUE)
        String body(@RequestBody Body body) {
            return body.title();
        }

        @GetMapping("/number")
        int number(@RequestParam int n) {
            return n;
        }

        @GetMapping("/validated")
        void validated() throws Exception {
            var result = new BeanPropertyBindingResult(new Body(""), "body");
            result.rejectValue("title", "NotBlank", "must not be blank");
            var parameter = new MethodParameter(ThrowingController.class.getDeclaredMethod("body", Body.class), 0);
            throw new MethodArgumentNotValidException(parameter, result);
        }
    }

    /** The same failures on Better Auth's routes. */
    @RestController
    static class BetterAuthRouteController {

        @GetMapping("/api/auth/refused")
        void refused() {
            throw new AuthFailure(AuthFailure.Kind.FORBIDDEN, "INVALID_CALLBACK_URL", "Invalid callbackURL");
        }

        @GetMapping("/api/auth/invalid-input")
        void invalidInput() {
            throw new InvalidInput("title", "text.blank", "must not be blank");
        }

        @GetMapping("/api/auth/boom")
        void boom() {
            throw new IllegalStateException(SECRET_SQL);
        }

        @PostMapping("/api/auth/body")
        String body(@RequestBody ThrowingController.Body body) {
            return body.title();
        }

        @GetMapping("/refused")
        void refusedOutsideAuth() {
            throw new AuthFailure(AuthFailure.Kind.FORBIDDEN, "INVALID_CALLBACK_URL", "Invalid callbackURL");
        }
    }

    private MockMvc mvc;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger adviceLogger = (Logger) LoggerFactory.getLogger(ErrorAdvice.class);

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.standaloneSetup(new ThrowingController(), new BetterAuthRouteController())
                .setControllerAdvice(new ErrorAdvice())
                .build();
        logged.start();
        adviceLogger.addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        adviceLogger.detachAppender(logged);
    }

    private ResultActions expectProblem(ResultActions result, int status, String code) throws Exception {
        return result
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.code").value(code));
    }

    @Test
    void invalid_input_is_400_with_the_field_in_errors() throws Exception {
        expectProblem(mvc.perform(get("/invalid-input")), 400, "text.blank")
                .andExpect(jsonPath("$.detail").value("title must not be blank"))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("title"))
                .andExpect(jsonPath("$.errors[0].code").value("text.blank"))
                .andExpect(jsonPath("$.errors[0].message").value("title must not be blank"));
    }

    @Test
    void not_found_is_404() throws Exception {
        expectProblem(mvc.perform(get("/not-found")), 404, "item.not_found");
    }

    @Test
    void an_illegal_status_transition_is_409() throws Exception {
        expectProblem(mvc.perform(get("/illegal-transition")), 409, "item.status.illegal_transition");
    }

    @Test
    void a_stale_version_is_409() throws Exception {
        expectProblem(mvc.perform(get("/stale-version")), 409, "item.stale_version");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "duplicate   | 409 | data.duplicate         | A record with this value already exists.",
            "reference   | 400 | data.reference_missing | Referenced record does not exist.",
            "value       | 400 | data.value_missing     | Required field is missing.",
            "rejected    | 400 | data.value_rejected    | Invalid value provided.",
            "timeout     | 408 | data.timeout           | Request timeout.",
            "unavailable | 500 | data.unavailable       | Database error occurred."
    })
    void data_access_failures_answer_a_fixed_detail_without_sql_or_constraint(String kind, int status, String code,
                                                                               String detail) throws Exception {
        expectProblem(mvc.perform(get("/data/" + kind)), status, code)
                .andExpect(jsonPath("$.detail").value(detail))
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(content().string(not(containsString("SQLException"))))
                .andExpect(content().string(not(containsString("_key"))))
                .andExpect(content().string(not(containsString("fkey"))))
                .andExpect(content().string(not(containsString("_check"))));
    }

    @Test
    void storage_unavailable_logs_the_cause_at_error_and_answers_a_generic_body() throws Exception {
        expectProblem(mvc.perform(get("/data/unavailable")), 500, "data.unavailable")
                .andExpect(content().string(not(containsString("select * from secret"))))
                .andExpect(content().string(not(containsString("at dev.trellis"))));

        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy().getClassName()).isEqualTo(DataAccessFailure.StorageUnavailable.class.getName());
            assertThat(event.getThrowableProxy().getCause().getMessage()).contains("select * from secret");
        });
    }

    @Test
    void any_other_exception_is_a_logged_generic_500() throws Exception {
        expectProblem(mvc.perform(get("/boom")), 500, "server.error")
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred."))
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))));

        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
        });
    }

    @Test
    void client_errors_are_not_logged_as_errors() throws Exception {
        mvc.perform(get("/invalid-input"));
        mvc.perform(get("/data/duplicate"));

        assertThat(logged.list).noneMatch(event -> event.getLevel() == Level.ERROR);
    }

    @Test
    void malformed_json_is_400_request_malformed() throws Exception {
        expectProblem(mvc.perform(post("/body").contentType(MediaType.APPLICATION_JSON).content("{\"title\": ")),
                400, "request.malformed");
    }

    @Test
    void an_unsupported_media_type_is_415() throws Exception {
        expectProblem(mvc.perform(post("/body").contentType(MediaType.TEXT_PLAIN).content("hello")),
                415, "request.media_type_unsupported");
    }

    @Test
    void a_parameter_of_the_wrong_type_is_400() throws Exception {
        expectProblem(mvc.perform(get("/number").param("n", "abc")), 400, "request.type_mismatch");
    }

    @Test
    void a_missing_parameter_is_400() throws Exception {
        expectProblem(mvc.perform(get("/number")), 400, "request.value_missing");
    }

    @Test
    void an_unknown_path_is_404() throws Exception {
        expectProblem(mvc.perform(get("/no-such-path")), 404, "request.not_found");
    }

    @Test
    void an_unsupported_method_is_405() throws Exception {
        expectProblem(mvc.perform(delete("/boom")), 405, "request.method_not_allowed");
    }

    @Test
    void bean_validation_failures_list_each_field() throws Exception {
        expectProblem(mvc.perform(get("/validated")), 400, "request.invalid")
                .andExpect(jsonPath("$.errors[0].field").value("title"))
                .andExpect(jsonPath("$.errors[0].code").value("NotBlank"))
                .andExpect(jsonPath("$.errors[0].message").value("title must not be blank"));
    }

    private ResultActions expectBetterAuth(ResultActions result, int status, String code) throws Exception {
        return result
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().string(not(containsString("\"type\""))))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.message").isNotEmpty());
    }

    @Test
    void better_auths_routes_answer_in_its_shape() throws Exception {
        expectBetterAuth(mvc.perform(get("/api/auth/refused")), 403, "INVALID_CALLBACK_URL")
                .andExpect(jsonPath("$.message").value("Invalid callbackURL"));
        expectBetterAuth(mvc.perform(get("/api/auth/invalid-input")), 400, "VALIDATION_ERROR")
                .andExpect(jsonPath("$.message").value("[body.title] title must not be blank"));
        expectBetterAuth(mvc.perform(post("/api/auth/body").contentType(MediaType.APPLICATION_JSON).content("{\"title\": ")),
                400, "VALIDATION_ERROR");
        expectBetterAuth(mvc.perform(post("/api/auth/body").contentType(MediaType.TEXT_PLAIN).content("hello")),
                415, "UNSUPPORTED_MEDIA_TYPE");
        expectBetterAuth(mvc.perform(get("/api/auth/no-such-path")), 404, "NOT_FOUND");
    }

    @Test
    void anything_unplanned_on_better_auths_routes_is_a_generic_500() throws Exception {
        expectBetterAuth(mvc.perform(get("/api/auth/boom")), 500, "INTERNAL_SERVER_ERROR")
                .andExpect(content().string(not(containsString("secret"))));
    }

    @Test
    void an_auth_refusal_on_another_route_is_a_problem() throws Exception {
        expectProblem(mvc.perform(get("/refused")), 403, "INVALID_CALLBACK_URL");
    }
}
