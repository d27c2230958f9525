package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A 404 whose thrower did not name the field ({@link NotFound#NotFound(String)}) names the request's
 * last path variable: the last {@code {...}} of the pattern matched, e.g. {@code callId} of
 * {@code /console/hotline/{partner}/calls/{callId}/acknowledge}. Spring hands the variables over in a
 * {@code HashMap}, whose order is not the path's: read last, it named {@code partner} there.
 */
class ANotFoundNamesTheLastPathVariableTest {

    private static ProblemDetail notFound(String uri, String pattern, Map<String, String> variables) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        if (pattern != null) {
            request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
        }
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, variables);
        return new Problems().notFound(new NotFound("no call c-1 from IR"), request);
    }

    /** As Spring's {@code PathPattern} extracts them: a {@code HashMap}. */
    private static Map<String, String> asSpringGivesThem(String... namesAndValues) {
        Map<String, String> variables = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }

    @Test
    void the_last_variable_of_the_pattern_is_named_not_the_last_of_springs_map() {
        ProblemDetail problem = notFound("/console/hotline/IR/calls/c-1/acknowledge", "/console/hotline/{partner}/calls/{callId}/acknowledge",
                asSpringGivesThem("partner", "IR", "callId", "c-1"));
        assertThat(problem.getProperties()).containsEntry("field", "callId").containsEntry("rule", NotFound.EXISTS);
        assertThat(problem.getDetail()).isEqualTo("callId: no call c-1 from IR");

        ProblemDetail taxii = notFound("/taxii2/concord/collections/intel/objects/indicator--1/versions/",
                "/taxii2/concord/collections/{collectionId}/objects/{objectId}/versions/",
                asSpringGivesThem("collectionId", "intel", "objectId", "indicator--1"));
        assertThat(taxii.getProperties()).containsEntry("field", "objectId");

        ProblemDetail constrained = notFound("/a/IR/b/7", "/a/{partner:[A-Z]{2}}/b/{n:\\d+}", asSpringGivesThem("partner", "IR", "n", "7"));
        assertThat(constrained.getProperties()).containsEntry("field", "n");
    }

    @Test
    void without_a_pattern_the_variables_are_read_as_before_and_without_either_the_field_written_is_kept() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("caseId", "RFA-1");
        assertThat(notFound("/api/requests/RFA-1", null, one).getProperties()).containsEntry("field", "caseId");

        MockHttpServletRequest plain = new MockHttpServletRequest("GET", "/api/requests"); // no variables: the field written
        assertThat(new Problems().notFound(new NotFound("caseId: no case X"), plain).getProperties()).containsEntry("field", "caseId");
    }
}
