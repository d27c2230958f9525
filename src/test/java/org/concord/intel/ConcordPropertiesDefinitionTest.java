package org.concord.intel;

import static org.assertj.core.api.Assertions.assertThat;

import org.concord.intel.stix.StixValidator;
import org.concord.testing.StixBestPractices;
import org.concord.workflow.MessageStix;
import org.junit.jupiter.api.Test;

/** The extension-definition of Concord's properties, and its author, as every node publishes them. */
class ConcordPropertiesDefinitionTest {

    @Test
    void theDefinitionIsValidStixWithoutAWarningAndDeclaresAPropertyExtension() {
        StixValidator validator = StixValidator.withOasisSchemas();
        assertThat(validator.validate(PublishingConcordProperties.definition())).isEmpty();
        assertThat(validator.validate(PublishingConcordProperties.author())).isEmpty();
        assertThat(StixBestPractices.checkObject(PublishingConcordProperties.definition())).isEmpty();
        assertThat(PublishingConcordProperties.definition().path("extension_types").get(0).asString()).isEqualTo("property-extension");
    }

    /** Both the workflow and intel publish the author: the same object, or the second would be refused. */
    @Test
    void theAuthorIsTheSameObjectTheWorkflowPublishes() {
        assertThat(PublishingConcordProperties.author()).isEqualTo(MessageStix.author());
    }
}
