package com.techcorp.e2e;

import com.techcorp.oauth.teststorage.RedisDeployments;
import com.techcorp.oauth.teststorage.RedisDeployments.Node;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** {@link ReplicatedRedisScenarios} on Redis Sentinel: one master, one replica, three sentinels. */
class RedisSentinelTest extends ReplicatedRedisScenarios {

    private RedisDeployments.Sentinel sentinel;

    @BeforeAll
    void start() {
        sentinel = RedisDeployments.sentinel();
        suite = new Suite(redisEnv("sentinel", sentinel.hosts(),
                Map.of("QUARKUS_REDIS_MASTER_NAME", RedisDeployments.SENTINEL_MASTER, "QUARKUS_REDIS_ROLE", "master")));
    }

    @Override
    void closeRedis() {
        if (sentinel != null) {
            sentinel.close();
        }
    }

    @Override
    Node masterOf(String key) {
        return sentinel.master();
    }

    @Override
    Node replicaOf(Node master) {
        return sentinel.replica();
    }

    @Override
    void awaitFailoverFrom(Node killed, String key) {
        RedisDeployments.await("the sentinels promoted the replica", () -> sentinel.master() != killed);
    }

    @Override
    void bringBack(Node killed) {
        sentinel.restartAsReplica(killed);
    }

    @Override
    void awaitReplicated() {
        sentinel.awaitReplicated();
    }
}
