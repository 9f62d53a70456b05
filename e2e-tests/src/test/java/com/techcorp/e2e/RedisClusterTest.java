package com.techcorp.e2e;

import com.techcorp.oauth.teststorage.RedisDeployments;
import com.techcorp.oauth.teststorage.RedisDeployments.Node;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** {@link ReplicatedRedisScenarios} on a Redis Cluster of three masters with a replica each. */
class RedisClusterTest extends ReplicatedRedisScenarios {

    private RedisDeployments.Cluster cluster;

    @BeforeAll
    void start() {
        cluster = RedisDeployments.cluster(3, 1);
        suite = new Suite(redisEnv("cluster", cluster.hosts(), Map.of()));
    }

    @Override
    void closeRedis() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    Node masterOf(String key) {
        return cluster.masterOf(key);
    }

    @Override
    Node replicaOf(Node master) {
        return cluster.replicaOf(master);
    }

    @Override
    void awaitFailoverFrom(Node killed, String key) {
        RedisDeployments.await("a replica took over from " + killed.port(), () -> cluster.masterOf(key) != killed);
    }

    @Override
    void bringBack(Node killed) {
        killed.restart();
    }

    @Override
    void awaitReplicated() {
        cluster.awaitHealthy();
        cluster.awaitReplicated();
    }
}
