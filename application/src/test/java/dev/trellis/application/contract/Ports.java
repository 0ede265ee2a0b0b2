package dev.trellis.application.contract;

import dev.trellis.application.snapshot.CurrentState;
import dev.trellis.application.event.EventOutbox;
import dev.trellis.domain.file.FileRepository;
import dev.trellis.domain.item.ItemRepository;
import dev.trellis.domain.tag.TagRepository;
import dev.trellis.domain.user.UserRepository;

/** The outbound ports under contract, from one store (in-memory or one database). */
public record Ports(UserRepository users, ItemRepository items, TagRepository tags, FileRepository files,
                    EventOutbox outbox, CurrentState currentState) {
}
