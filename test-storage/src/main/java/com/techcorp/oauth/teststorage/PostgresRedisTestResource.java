package com.techcorp.oauth.teststorage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Points a Quarkus test at real PostgreSQL and Redis (see {@link TestStorage}).
 *
 * <p>Arguments: {@code database}, the service's test database (created when missing; the test
 * profile cleans its schema at start); {@code redis-prefix-property}, the configuration property
 * that carries the service's Redis key prefix, set to one unique to this run so runs never see
 * each other's keys.
 */
public class PostgresRedisTestResource implements QuarkusTestResourceLifecycleManager {

    private String database;
    private String redisPrefixProperty;

    @Override
    public void init(Map<String, String> args) {
        database = args.getOrDefault("database", "oauth_test");
        redisPrefixProperty = args.get("redis-prefix-property");
    }

    @Override
    public Map<String, String> start() {
        var pg = TestStorage.postgres();
        TestStorage.ensureDatabase(pg, database);
        var redis = TestStorage.redis();

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", pg.user());
        config.put("quarkus.datasource.password", pg.password());
        config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
        config.put("quarkus.datasource.reactive.url", pg.reactiveUrl(database));
        config.put("quarkus.redis.hosts", redis.url());
        if (redisPrefixProperty != null) {
            config.put(redisPrefixProperty, database + "-" + UUID.randomUUID().toString().substring(0, 8) + ":");
        }
        return config;
    }

    @Override
    public void stop() {
        // Servers are shared by every test class of the JVM and stop with it.
    }
}
