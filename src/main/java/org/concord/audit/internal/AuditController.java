package org.concord.audit.internal;

import java.util.List;

import org.concord.audit.AuditEntry;
import org.concord.audit.AuditLog;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: the audit trail, for administrators. */
@RestController
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit")
    @PreAuthorize("hasRole('ADMIN')")
    List<AuditEntry> recent(@RequestParam(defaultValue = "100") int limit) {
        return audit.recent(limit);
    }
}
