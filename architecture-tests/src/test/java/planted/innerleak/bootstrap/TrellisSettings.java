package planted.innerleak.bootstrap;

public record TrellisSettings(int pageSize) {
}
