package org.concord.party;

import java.util.Set;

/** Who is calling: a person who logged in, or a partner node that presented its pinned certificate. */
public sealed interface Caller {

    /** The name the audit trail records: {@code user:alice} or {@code partner:IR}. */
    String auditName();

    /** @param authentication {@code password} or {@code token} */
    record User(String username, Set<Role> roles, String authentication) implements Caller {
        public User {
            roles = Set.copyOf(roles);
        }

        @Override
        public String auditName() {
            return "user:" + username;
        }
    }

    record PartnerNode(Partner partner) implements Caller {
        @Override
        public String auditName() {
            return "partner:" + partner.code();
        }
    }
}
