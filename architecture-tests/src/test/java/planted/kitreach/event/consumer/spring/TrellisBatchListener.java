package planted.kitreach.event.consumer.spring;

/** The spring-kafka listener (its Spring use left out: this case is about who reaches it). */
public class TrellisBatchListener {
}
