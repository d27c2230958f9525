package org.concord.exchange.taxii;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** TAXII 2.1 media types (section 1.6.8) and the content negotiation it requires. */
final class Taxii {

    static final String MEDIA_TYPE = "application/taxii+json;version=2.1";
    static final String STIX_MEDIA_TYPE = "application/stix+json;version=2.1";
    private static final MediaType TAXII = MediaType.parseMediaType(MEDIA_TYPE);

    private Taxii() {
    }

    /** Section 1.6.8.1: the server answers 406 unless the client accepts the TAXII 2.1 media type. */
    static void checkAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new TaxiiException(406, "Not Acceptable", "the Accept header cannot be read: " + e.getMessage());
        }
        for (MediaType type : accepted) {
            if (type.isWildcardType() || (type.getType().equals("application") && type.isWildcardSubtype())) {
                return;
            }
            if (type.getType().equals("application") && type.getSubtype().equals("taxii+json")) {
                String version = type.getParameter("version");
                if (version == null || version.equals("2.1")) {
                    return;
                }
            }
        }
        throw new TaxiiException(406, "Not Acceptable", "this server speaks " + MEDIA_TYPE + "; the request accepts only " + accept);
    }

    /** Section 1.6.8.1: a request body must be the TAXII 2.1 media type, else 415. */
    static void checkContentType(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        if (type == null || !type.getType().equals("application") || !type.getSubtype().equals("taxii+json")
                || (type.getParameter("version") != null && !"2.1".equals(type.getParameter("version")))) {
            throw new TaxiiException(415, "Unsupported Media Type", "the request body must be " + MEDIA_TYPE + ", got "
                    + (contentType == null ? "no Content-Type" : contentType));
        }
    }

    static HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(TAXII);
        return headers;
    }
}
