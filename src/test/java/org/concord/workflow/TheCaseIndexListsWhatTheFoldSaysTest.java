package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case lists (the desk, {@code GET /api/cases}) read the case index (V11_80) in SQL instead of
 * folding every case; what they list must be what the fold says. Given requests, calls and
 * commitments in every standing at two real nodes, each filter and order of the list, paged two at
 * a time, equals the list made from every case's view, filtered and sorted in Java.
 */
class TheCaseIndexListsWhatTheFoldSaysTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static TwoNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        nodes = TwoNodes.shared();
        // open cases of three types, one acknowledged, one declined (closed), one acknowledged call
        List<String> requests = new ArrayList<>();
        for (String urgency : List.of("URGENT", "ROUTINE", "IMMEDIATE", "URGENT")) {
            requests.add(post(nodes.pk, "/api/requests", """
                    {"addressee":"IR","targets":["intrusion-set--2a9e2cbe-6b8f-4f4b-9c0c-7d8d2bbf1b6e"],
                     "action":{"kind":"DISMANTLE_HIDEOUT","detail":"the compound"},"urgency":"%s","text":"index %s"}"""
                    .formatted(urgency, urgency)).path("caseId").asString());
        }
        String call = post(nodes.ir, "/api/hotline/calls", """
                {"from":{"name":"Duty officer IR","post":"Ops"},"addressee":"PK","to":{"name":"Duty officer PK","post":"DGMO"},
                 "priority":"PRIORITY","text":"index call"}""").path("callId").asString();
        post(nodes.pk, "/api/commitments", """
                {"counterpart":"IR","owner":"PK","what":"index commitment","dueBy":"%s"}"""
                .formatted(Instant.now().plusSeconds(30 * 86400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        deliver();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                nodes.ir.bean(Workflow.class).find(nodes.ir.bean(org.concord.requests.RequestType.class), requests.get(3)).isPresent()
                        && nodes.pk.bean(Workflow.class).find(nodes.pk.bean(org.concord.hotline.HotlineType.class), call).isPresent());
        post(nodes.ir, "/api/requests/" + requests.get(0) + "/messages", "{\"messageType\":\"acknowledge\"}");
        post(nodes.ir, "/api/requests/" + requests.get(1) + "/messages",
                "{\"messageType\":\"decline\",\"reason\":\"OTHER\",\"text\":\"not ours\"}");
        post(nodes.pk, "/api/hotline/calls/" + call + "/acknowledge", "{\"by\":{\"name\":\"Duty officer PK\",\"post\":\"DGMO\"}}");
        deliver();
    }

    @Test
    void everyFilterAndOrderOfTheIndexedListIsTheFoldsAtBothNodes() {
        for (TestNode node : List.of(nodes.pk, nodes.ir)) {
            CaseViews views = node.bean(CaseViews.class);
            List<CaseView> all = new ArrayList<>();
            node.bean(WorkflowTypes.class).all().forEach(t -> all.addAll(views.all(t)));
            for (String awaiting : new String[] {null, "me", "partner"}) {
                for (String type : new String[] {null, "request", "call"}) {
                    for (String state : new String[] {null, "Acknowledged"}) {
                        List<String> expected = all.stream()
                                .filter(v -> awaiting == null || awaiting.equals(v.nextActor().side()))
                                .filter(v -> type == null || type.equals(v.type()))
                                .filter(v -> state == null || state.equalsIgnoreCase(v.state()))
                                .sorted(Comparator.comparing((CaseView v) -> v.dueAt() == null ? Instant.MAX : Instant.parse(v.dueAt()))
                                        .thenComparing(CaseView::caseId))
                                .map(CaseView::caseId).toList();
                        String what = node.code() + " awaiting=" + awaiting + " type=" + type + " state=" + state;
                        assertThat(paged(views, awaiting, type, state, "due")).as(what + " by due").isEqualTo(expected);
                        assertThat(paged(views, awaiting, type, state, "opened")).as(what + " by opening")
                                .containsExactlyInAnyOrderElementsOf(expected);
                    }
                }
            }
        }
    }

    @Test
    void theIndexedListShowsEachCasesCurrentViewAndRefusesACursorItDidNotGive() {
        CaseViews views = nodes.ir.bean(CaseViews.class);
        CaseViews.Page page = views.list("me", "request", null, null, "due", null, 1);
        assertThat(page.items()).hasSize(1);
        CaseView first = page.items().get(0);
        assertThat(first).isEqualTo(views.view(nodes.ir.bean(org.concord.requests.RequestType.class), first.caseId()));
        assertThat(page.next()).isNotNull();
        assertThatThrownBy(() -> views.list("me", "request", null, null, "opened", page.next(), 1))
                .isInstanceOf(InvalidInput.class).extracting(e -> ((InvalidInput) e).rule()).isEqualTo("known-cursor");
    }

    static List<String> paged(CaseViews views, String awaiting, String type, String state, String sort) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            CaseViews.Page page = views.list(awaiting, type, state, null, sort, cursor, 2);
            page.items().forEach(v -> ids.add(v.caseId()));
            cursor = page.next();
        } while (cursor != null);
        return ids;
    }

    static void deliver() {
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
    }

    static JsonNode post(TestNode node, String path, String body) throws Exception {
        String[] basic = Https.basic(node.username(Role.LIAISON), node.password(Role.LIAISON));
        HttpResponse<String> response = Https.to(node).send("POST", path, body, basic[0], basic[1], "Content-Type",
                "application/json");
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
        return JSON.readTree(Objects.requireNonNull(response.body()));
    }
}
