package org.concord;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/**
 * The Concord node: one Spring Boot application whose direct sub-packages are its
 * capabilities (Spring Modulith application modules), as listed in {@code docs/DESIGN.md}.
 */
@SpringBootApplication
@Modulithic(systemName = "Concord")
public class ConcordApplication {
}
