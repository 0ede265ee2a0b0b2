package dev.trellis.event.consumer.fence;

/**
 * What a consumer's store holds of one aggregate: the highest event version it applied, and whether
 * that was a deletion (a tombstone: nothing may bring the aggregate back).
 */
public record Applied(long version, boolean deleted) {

    /** An aggregate the store knows nothing of. */
    public static final Applied NOTHING = new Applied(0, false);

    public boolean isKnown() {
        return version > 0 || deleted;
    }
}
