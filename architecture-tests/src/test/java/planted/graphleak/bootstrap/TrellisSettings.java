package planted.graphleak.bootstrap;

public record TrellisSettings(String topicPrefix) {
}
