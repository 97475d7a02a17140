package dev.bridgekeeper.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Counts the SQL statements this thread prepares while {@link #counting} runs, by wrapping the application's
 * DataSource: how a test shows that a read costs a fixed number of queries rather than one per row.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter implements BeanPostProcessor {

    private static final Set<String> STATEMENTS = Set.of("prepareStatement", "createStatement", "prepareCall");
    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();
    private static int last;

    /** Runs the work and keeps how many statements it prepared, for {@link #last}. */
    public static <T> T counting(Supplier<T> work) {
        COUNT.set(new int[1]);
        try {
            return work.get();
        } finally {
            last = COUNT.get()[0];
            COUNT.remove();
        }
    }

    /** The statements the last {@link #counting} prepared. */
    public static int last() {
        return last;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            return Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                    delegating(dataSource, (method, result) -> method.getName().equals("getConnection")
                            ? Proxy.newProxyInstance(Connection.class.getClassLoader(),
                                    new Class<?>[] {Connection.class}, delegating(result, (m, r) -> r))
                            : result));
        }
        return bean;
    }

    private interface Wrap {
        Object apply(Method method, Object result);
    }

    private static InvocationHandler delegating(Object target, Wrap wrap) {
        return (proxy, method, args) -> {
            if (STATEMENTS.contains(method.getName()) && COUNT.get() != null) {
                COUNT.get()[0]++;
            }
            try {
                return wrap.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}
