package org.concord.screening.psi;

import java.net.http.HttpResponse;

import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TestNode;

/** A person of a test node with a role: every request carries the person's Basic credentials. */
record Person(Https https, String[] auth) {

    static Person of(TestNode node, Role role) {
        return new Person(Https.to(node), Https.basic(node.username(role), node.password(role)));
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        String[] all = new String[headers.length + auth.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(auth, 0, all, headers.length, auth.length);
        return https.send(method, path, body, all);
    }

    HttpResponse<String> get(String path) throws Exception {
        return https.get(path, auth);
    }
}
