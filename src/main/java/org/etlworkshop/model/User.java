package org.etlworkshop.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** Someone who fills in forms. */
@Entity
@Table(schema = "app", name = "users")
public class User {
    @Id
    private UUID id;

    @Column(name = "given_name", nullable = false)
    private String givenName;

    @Column(name = "family_name", nullable = false)
    private String familyName;

    protected User() {
    }

    public User(UUID id, String givenName, String familyName) {
        this.id = id;
        this.givenName = givenName;
        this.familyName = familyName;
    }

    public UUID getId() {
        return id;
    }

    public String getGivenName() {
        return givenName;
    }

    public String getFamilyName() {
        return familyName;
    }

    /** "given_name family_name", as {@code response_events.user_full_name} stores it. */
    public String getFullName() {
        return fullName(givenName, familyName);
    }

    /**
     * The names a user has, joined by one space; a missing (null or empty) part is left out, and a
     * user with no name at all has a null full name. Never invented text such as {@code "null null"}.
     */
    public static String fullName(String givenName, String familyName) {
        boolean given = givenName != null && !givenName.isEmpty();
        boolean family = familyName != null && !familyName.isEmpty();
        if (given && family) {
            return givenName + " " + familyName;
        }
        return given ? givenName : family ? familyName : null;
    }
}
