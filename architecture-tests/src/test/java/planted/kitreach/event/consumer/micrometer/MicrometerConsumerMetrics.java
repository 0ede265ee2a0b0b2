package planted.kitreach.event.consumer.micrometer;

/** The Micrometer binder (its Micrometer use left out: this case is about who reaches it). */
public class MicrometerConsumerMetrics {
}
