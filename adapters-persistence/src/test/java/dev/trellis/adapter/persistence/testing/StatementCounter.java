package dev.trellis.adapter.persistence.testing;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a DataSource and counts the SQL statements executed through it (each execute, query,
 * update or batch counts once), so that tests can prove a read costs a fixed number of round trips.
 */
public final class StatementCounter {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final List<String> SQL = Collections.synchronizedList(new ArrayList<>());

    private StatementCounter() {
    }

    public static DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (method, args, result) -> result instanceof Connection connection
                ? proxy(Connection.class, connection, StatementCounter::wrapStatement) : result);
    }

    public static void reset() {
        COUNT.set(0);
        SQL.clear();
    }

    public static int count() {
        return COUNT.get();
    }

    /** The statements since the last reset, for failure messages. */
    public static List<String> statements() {
        return List.copyOf(SQL);
    }

    private static Object wrapStatement(Method method, Object[] args, Object result) {
        if (!(result instanceof Statement statement)) {
            return result;
        }
        String prepared = args != null && args.length > 0 && args[0] instanceof String sql ? sql : null;
        Class<?> type = result instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                : result instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        return proxy(type, statement, (m, a, r) -> r, (m, a) -> {
            if (m.getName().startsWith("execute")) {
                COUNT.incrementAndGet();
                SQL.add(prepared != null ? prepared : a != null && a.length > 0 ? String.valueOf(a[0]) : m.getName());
            }
        });
    }

    private interface AfterCall {
        Object apply(Method method, Object[] args, Object result);
    }

    private interface BeforeCall {
        void accept(Method method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Object target, AfterCall after) {
        return proxy(type, target, after, (m, a) -> { });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, AfterCall after, BeforeCall before) {
        InvocationHandler handler = (p, method, args) -> {
            before.accept(method, args);
            try {
                return after.apply(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[]{type}, handler);
    }
}
