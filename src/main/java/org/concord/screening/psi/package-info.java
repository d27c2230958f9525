/**
 * The private set intersection between two nodes (docs/screening.md): {@code Blinding} (the curve
 * arithmetic), {@code PsiKeys} (the keys of a name), {@code PsiSessions} (sessions, their chunks, the
 * requester's state) and its controller. A named interface, so that the console's pages request,
 * accept and read sessions through {@code PsiSessions}, the code the REST API runs.
 */
@org.springframework.modulith.NamedInterface("psi")
package org.concord.screening.psi;
