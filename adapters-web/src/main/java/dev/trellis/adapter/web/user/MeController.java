package dev.trellis.adapter.web.user;

import dev.trellis.adapter.web.common.Callers;
import dev.trellis.adapter.web.common.JsonPatch;
import dev.trellis.adapter.web.common.Versions;
import dev.trellis.application.auth.SignedIn;
import dev.trellis.application.user.UpdateProfile;
import dev.trellis.application.user.UpdateSettings;
import dev.trellis.application.user.ViewProfile;
import dev.trellis.domain.user.Theme;
import dev.trellis.domain.user.UserDetails;
import dev.trellis.domain.user.UserProfile;
import dev.trellis.domain.user.UserSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Set;

/** The signed-in user, with profile and settings. */
@RestController
@RequestMapping("/api/me")
public class MeController {

    record ProfileBody(String bio, String website, String timezone, long version) {
        static ProfileBody of(UserProfile profile) {
            return new ProfileBody(profile.bio(), profile.website() == null ? null : profile.website().value(),
                    profile.timezone().value(), profile.version());
        }
    }

    record SettingsBody(String theme, String language, boolean notificationsEnabled, long version) {
        static SettingsBody of(UserSettings settings) {
            return new SettingsBody(settings.theme().code(), settings.language().value(), settings.notificationsEnabled(),
                    settings.version());
        }
    }

    record MeBody(String id, String name, String email, boolean emailVerified, String image, Instant createdAt,
                  Instant updatedAt, ProfileBody profile, SettingsBody settings) {
        static MeBody of(UserDetails details) {
            var user = details.user();
            return new MeBody(user.id().value(), user.name(), user.email().value(), user.emailVerified(), user.image(),
                    user.createdAt(), user.updatedAt(), ProfileBody.of(details.profile()), SettingsBody.of(details.settings()));
        }
    }

    private final ViewProfile viewProfile;
    private final UpdateProfile updateProfile;
    private final UpdateSettings updateSettings;

    public MeController(ViewProfile viewProfile, UpdateProfile updateProfile, UpdateSettings updateSettings) {
        this.viewProfile = viewProfile;
        this.updateProfile = updateProfile;
        this.updateSettings = updateSettings;
    }

    @GetMapping
    MeBody me(@AuthenticationPrincipal SignedIn caller) {
        return MeBody.of(viewProfile.handle(Callers.of(caller)));
    }

    @GetMapping("/profile")
    ResponseEntity<ProfileBody> profile(@AuthenticationPrincipal SignedIn caller) {
        UserProfile profile = viewProfile.handle(Callers.of(caller)).profile();
        return Versions.ok(ProfileBody.of(profile), profile.version());
    }

    @PatchMapping("/profile")
    ResponseEntity<ProfileBody> updateProfile(@AuthenticationPrincipal SignedIn caller,
                                              @RequestBody JsonNode body,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        JsonPatch fields = new JsonPatch(body, Set.of("bio", "website", "timezone"));
        UserProfile profile = updateProfile.handle(Callers.of(caller), new UpdateProfile.Command(
                Versions.ifMatch(ifMatch), fields.nullableText("bio"), fields.nullableText("website"),
                fields.text("timezone"))).profile();
        return Versions.ok(ProfileBody.of(profile), profile.version());
    }

    @GetMapping("/settings")
    ResponseEntity<SettingsBody> settings(@AuthenticationPrincipal SignedIn caller) {
        UserSettings settings = viewProfile.handle(Callers.of(caller)).settings();
        return Versions.ok(SettingsBody.of(settings), settings.version());
    }

    @PatchMapping("/settings")
    ResponseEntity<SettingsBody> updateSettings(@AuthenticationPrincipal SignedIn caller,
                                                @RequestBody JsonNode body,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        JsonPatch fields = new JsonPatch(body, Set.of("theme", "language", "notificationsEnabled"));
        UserSettings settings = updateSettings.handle(Callers.of(caller), new UpdateSettings.Command(
                Versions.ifMatch(ifMatch), fields.text("theme").map(Theme::fromCode), fields.text("language"),
                fields.bool("notificationsEnabled"))).settings();
        return Versions.ok(SettingsBody.of(settings), settings.version());
    }
}
