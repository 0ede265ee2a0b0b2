package dev.trellis.event.consumer.fence;

/**
 * Events of an aggregate that never reached this consumer: the version after {@code appliedVersion}
 * ({@code 0}: the aggregate was unknown) was not the next one it saw. The newest state was applied all
 * the same (it is complete); what may be missing is everything else those events stood for, e.g. other
 * aggregates of the same user whose events the topic's retention removed. The remedy is a snapshot of
 * the owning user ({@code java -jar trellis-app.jar snapshot --user=<ownerId>}), or of everything when
 * the owner is unknown ({@code ownerId} null: a tag whose creator is gone).
 *
 * @param ownerId the user whose snapshot repairs the aggregate: the user itself, an item's or file's
 *                owner, a tag's creator; null when unknown
 */
public record Gap(AggregateKey aggregate, long appliedVersion, long nextVersionSeen, String ownerId) {

    public long missing() {
        return nextVersionSeen - appliedVersion - 1;
    }

    /** The command that repairs it, run where Trellis runs. */
    public String remedy() {
        return "java -jar trellis-app.jar snapshot" + (ownerId == null ? "" : " --user=" + ownerId);
    }

    @Override
    public String toString() {
        return aggregate + ": applied v" + appliedVersion + ", next seen v" + nextVersionSeen + " (" + missing()
                + " missing); remedy: " + remedy();
    }
}
