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

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", pg.user());
        config.put("quarkus.datasource.password", pg.password());
        config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
        config.put("quarkus.datasource.reactive.url", pg.reactiveUrl(database));
        config.putAll(redisConfig());
        if (redisPrefixProperty != null) {
            config.put(redisPrefixProperty, database + "-" + UUID.randomUUID().toString().substring(0, 8) + ":");
        }
        return config;
    }

    /**
     * The standalone Redis of {@link TestStorage}, or with {@code TEST_REDIS_TOPOLOGY=cluster} or
     * {@code sentinel} a Redis Cluster or Sentinel deployment started for this JVM: how the whole
     * test suite of a service is run against each (README, Redis Cluster and Sentinel).
     */
    public static synchronized Map<String, String> redisConfig() {
        String topology = System.getenv().getOrDefault("TEST_REDIS_TOPOLOGY", "standalone");
        Map<String, String> config = new HashMap<>();
        switch (topology) {
            case "cluster" -> {
                if (cluster == null) {
                    cluster = RedisDeployments.cluster(3, 1);
                }
                config.put("quarkus.redis.client-type", "cluster");
                config.put("quarkus.redis.hosts", cluster.hosts());
            }
            case "sentinel" -> {
                if (sentinel == null) {
                    sentinel = RedisDeployments.sentinel();
                }
                config.put("quarkus.redis.client-type", "sentinel");
                config.put("quarkus.redis.hosts", sentinel.hosts());
                config.put("quarkus.redis.master-name", RedisDeployments.SENTINEL_MASTER);
                config.put("quarkus.redis.role", "master");
                config.put("quarkus.redis.auto-failover", "true");
            }
            case "standalone" -> config.put("quarkus.redis.hosts", TestStorage.redis().url());
            default -> throw new IllegalArgumentException("TEST_REDIS_TOPOLOGY is standalone, cluster or sentinel, not " + topology);
        }
        return config;
    }

    private static RedisDeployments.Cluster cluster;
    private static RedisDeployments.Sentinel sentinel;

    @Override
    public void stop() {
        // Servers are shared by every test class of the JVM and stop with it.
    }
}
