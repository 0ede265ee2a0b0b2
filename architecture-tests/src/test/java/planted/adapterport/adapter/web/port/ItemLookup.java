package planted.adapterport.adapter.web.port;

/** Violation: a port package inside an adapter. */
public interface ItemLookup {
    String title(String id);
}
