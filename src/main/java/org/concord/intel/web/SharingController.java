package org.concord.intel.web;

import org.concord.intel.SharingInForce;
import org.concord.party.Callers;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sharing settings in force ({@link SharingInForce}): every user role reads them (what the
 * partners may read is what analysts and officers work with); an ADMIN replaces them at run time
 * ({@code PUT}, all four fields) or puts the configuration file's back ({@code DELETE}), audited,
 * without a restart. Partners reach none of this (403).
 */
@RestController
class SharingController {

    private final SharingInForce sharing;

    SharingController(SharingInForce sharing) {
        this.sharing = sharing;
    }

    @GetMapping(value = "/api/intel/sharing", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'ANALYST', 'LIAISON', 'VIEWER')")
    ObjectNode get() {
        return view(sharing.current());
    }

    @PutMapping(value = "/api/intel/sharing", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    ObjectNode put(@RequestBody JsonNode body, Authentication authentication) {
        return view(sharing.change(body, Callers.of(authentication).auditName()));
    }

    @DeleteMapping(value = "/api/intel/sharing", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    ObjectNode delete(Authentication authentication) {
        return view(sharing.returnToConfiguration(Callers.of(authentication).auditName()));
    }

    private ObjectNode view(SharingInForce.InForce inForce) {
        ObjectNode out = SharingInForce.json(inForce.settings());
        out.put("source", inForce.source() == SharingInForce.Source.CONFIGURATION ? "configuration" : "set-at-run-time");
        if (inForce.changedBy() != null) {
            out.put("changedBy", inForce.changedBy());
            out.put("changedAt", inForce.changedAt().toString());
        }
        out.set("configured", SharingInForce.json(sharing.configured()));
        return out;
    }
}
