package com.techcorp.identity.user;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "users")
public class UserEntity extends PanacheEntityBase {

    /** The stable subject of the user's tokens; never reused, never changed. */
    @Id
    public UUID id;

    public String username;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "employee_id")
    public String employeeId;

    /** Space-separated. */
    public String groups;

    public boolean enabled;

    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> groupList() {
        return groups == null || groups.isBlank() ? List.of() : Arrays.asList(groups.trim().split(" +"));
    }
}
