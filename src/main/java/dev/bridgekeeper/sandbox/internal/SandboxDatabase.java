package dev.bridgekeeper.sandbox.internal;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sandbox platforms' own database access: a small pool whose connections see only the
 * {@code sandbox} schema and take no part in Bridgekeeper's transactions, as a real platform's
 * database would not. Deliberately not a DataSource bean, so it never replaces the application's.
 */
final class SandboxDatabase implements DisposableBean {

    private final HikariDataSource pool;
    private final JdbcOperations jdbc;

    SandboxDatabase(DataSourceProperties properties) {
        this.pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("sandbox");
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(0);
        pool.setConnectionInitSql("set search_path to sandbox");
        this.jdbc = new JdbcTemplate(pool);
    }

    JdbcOperations jdbc() {
        return jdbc;
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
