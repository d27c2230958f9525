package org.concord.intel;

import java.util.Arrays;
import java.util.Optional;

/** The TAXII collections a node keeps. Each has a fixed id, the same on every Concord node. */
public enum Collection {
    /** This node's intelligence and what partners share with it; partners read what the policy allows. */
    INTEL("intel", "6f2a9d4e-5b1c-4c43-9d2e-1a7c3e0b8f01", "Intelligence",
            "STIX 2.1 intelligence on militant groups, people, places and reports; partners read what the sharing policy allows."),
    /** Messages partners send this node (requests, notices, hotline); partners write, users read. */
    INBOX("inbox", "0c8e7f35-2d6a-4b9e-8f14-6a5d2c9b7e02", "Inbox",
            "Messages addressed to this node by its partners: requests for action, notices, hotline messages.");

    private final String alias;
    private final String id;
    private final String title;
    private final String description;

    Collection(String alias, String id, String title, String description) {
        this.alias = alias;
        this.id = id;
        this.title = title;
        this.description = description;
    }

    public String alias() {
        return alias;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** By id or alias, as TAXII clients may name a collection either way. */
    public static Optional<Collection> named(String idOrAlias) {
        return Arrays.stream(values()).filter(c -> c.id.equals(idOrAlias) || c.alias.equals(idOrAlias)).findFirst();
    }
}
