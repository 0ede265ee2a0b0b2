package planted.adapterbootstrap.bootstrap;

public record TrellisSettings(String topic) {
}
