package dev.trellis.application.user;

import dev.trellis.application.RequestContext;
import dev.trellis.domain.user.UserDetails;
import dev.trellis.domain.user.UserRepository;
import org.springframework.transaction.annotation.Transactional;

/** The caller's own record: the user, with profile and settings. */
public class ViewProfile {

    private final UserRepository users;

    public ViewProfile(UserRepository users) {
        this.users = users;
    }

    @Transactional(readOnly = true)
    public UserDetails handle(RequestContext caller) {
        return ProfileChanges.own(users, caller);
    }
}
