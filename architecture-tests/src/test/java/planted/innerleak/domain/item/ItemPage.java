package planted.innerleak.domain.item;

import planted.innerleak.bootstrap.TrellisSettings;

/** Violation: the domain reading the application's settings. */
public record ItemPage(TrellisSettings settings) {
}
