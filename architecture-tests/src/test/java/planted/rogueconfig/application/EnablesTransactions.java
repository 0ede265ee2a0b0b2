package planted.rogueconfig.application;

import org.springframework.transaction.annotation.EnableTransactionManagement;

/** Violation even though the annotation comes from org.springframework.transaction.annotation. */
@EnableTransactionManagement
public class EnablesTransactions {
}
