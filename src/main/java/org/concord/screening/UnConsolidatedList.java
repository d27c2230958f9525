package org.concord.screening;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the UN Security Council Consolidated List in the UN's XML format
 * ({@code CONSOLIDATED_LIST} of {@code INDIVIDUALS} and {@code ENTITIES}). Parsed generally: every
 * entry's fields are read by name wherever they appear, so that elements added or left out by later
 * versions of the list do no harm. Alias fields that hold several names joined by {@code ;}, or an
 * original-script name followed by its Latin spellings in brackets, become one alias each; empty
 * fields are skipped. Streaming (StAX), without DTDs or external entities.
 */
public final class UnConsolidatedList {

    /** The list as read: when the UN generated it, and its entries. */
    public record Contents(String generated, List<WatchlistEntry> entries) {
    }

    private static final Pattern BRACKETED = Pattern.compile("\\(([^()]*)\\)");
    /**
     * The English names of the languages of ISO 639, lower case: "ፍትዊ ዓብዱረዛቕ (Tigrinya)" names the
     * language of the name before it, not another name.
     */
    private static final Set<String> LANGUAGES = Arrays.stream(Locale.getISOLanguages())
            .map(code -> Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT))
            .filter(name -> !name.isEmpty()).collect(Collectors.toUnmodifiableSet());
    /** A remark after a name: "Mohammad Ishaq Akhund born in 1963", "Safia Farkash, born 1 Jan. 1953". */
    private static final Pattern BORN_REMARK = Pattern.compile("(?i)[,\\s]+born\\b.*$");

    private UnConsolidatedList() {
    }

    /**
     * Reads a list.
     *
     * @throws WatchlistFormatError naming the line, column and element, if the XML is malformed or not a consolidated list
     */
    public static Contents read(InputStream in) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<WatchlistEntry> entries = new ArrayList<>();
        String generated = "";
        List<String> open = new ArrayList<>();
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(in, "UTF-8");
            boolean root = true;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = xml.getLocalName();
                    if (root) {
                        if (!element.equals("CONSOLIDATED_LIST")) {
                            throw new WatchlistFormatError(xml.getLocation().getLineNumber(), element,
                                    "not a UN consolidated list: the root element is " + element + ", not CONSOLIDATED_LIST");
                        }
                        generated = nullToEmpty(xml.getAttributeValue(null, "dateGenerated"));
                        root = false;
                    } else if (element.equals("INDIVIDUAL") || element.equals("ENTITY")) {
                        entries.add(entry(xml, element, open));
                        continue;
                    }
                    open.add(element);
                } else if (event == XMLStreamConstants.END_ELEMENT && !open.isEmpty()) {
                    open.remove(open.size() - 1);
                }
            }
            if (root) {
                throw new WatchlistFormatError(xml.getLocation().getLineNumber(), "(none)", "the file has no XML element");
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            String element = open.isEmpty() ? "(before the first element)" : open.get(open.size() - 1);
            String message = e.getMessage() == null ? "malformed XML" : e.getMessage().replaceAll("\\s+", " ");
            int at = message.indexOf("Message: ");
            throw new WatchlistFormatError(line, element, "malformed XML: " + (at >= 0 ? message.substring(at + 9) : message));
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // the error that matters is already on its way
                }
            }
        }
        return new Contents(generated, List.copyOf(entries));
    }

    /** One INDIVIDUAL or ENTITY: its fields by name, its groups (aliases, births, documents) as lists of fields. */
    private static WatchlistEntry entry(XMLStreamReader xml, String kind, List<String> open) throws XMLStreamException {
        open.add(kind);
        int line = xml.getLocation().getLineNumber();
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, List<Map<String, List<String>>>> groups = new LinkedHashMap<>();
        while (true) {
            int event = xml.nextTag();
            if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            String child = xml.getLocalName();
            open.add(child);
            Map<String, List<String>> group = new LinkedHashMap<>();
            StringBuilder text = new StringBuilder();
            boolean nested = false;
            while (true) {
                int next = xml.next();
                if (next == XMLStreamConstants.CHARACTERS || next == XMLStreamConstants.CDATA || next == XMLStreamConstants.SPACE) {
                    text.append(xml.getText());
                } else if (next == XMLStreamConstants.START_ELEMENT) {
                    nested = true;
                    String leaf = xml.getLocalName();
                    open.add(leaf);
                    String value = leafText(xml);
                    open.remove(open.size() - 1);
                    if (!value.isBlank()) {
                        group.computeIfAbsent(leaf, k -> new ArrayList<>()).add(value.strip());
                    }
                } else if (next == XMLStreamConstants.END_ELEMENT) {
                    break;
                }
            }
            open.remove(open.size() - 1);
            if (nested) {
                groups.computeIfAbsent(child, k -> new ArrayList<>()).add(group);
            } else if (!text.toString().isBlank()) {
                fields.put(child, text.toString().strip().replaceAll("\\s+", " "));
            }
        }
        open.remove(open.size() - 1);
        return toEntry(kind, fields, groups, line);
    }

    /** The text of an element that should hold only text; any deeper elements' text is included. */
    private static String leafText(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA || event == XMLStreamConstants.SPACE) {
                text.append(xml.getText());
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                text.append(' ');
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return text.toString().replaceAll("\\s+", " ");
    }

    private static WatchlistEntry toEntry(String kind, Map<String, String> fields, Map<String, List<Map<String, List<String>>>> groups,
            int line) {
        String reference = fields.getOrDefault("REFERENCE_NUMBER", fields.get("DATAID"));
        if (reference == null) {
            throw new WatchlistFormatError(line, kind, "an entry without REFERENCE_NUMBER or DATAID");
        }
        List<WatchlistEntry.Alias> names = new ArrayList<>();
        String primary = String.join(" ", List.of(fields.getOrDefault("FIRST_NAME", ""), fields.getOrDefault("SECOND_NAME", ""),
                fields.getOrDefault("THIRD_NAME", ""), fields.getOrDefault("FOURTH_NAME", ""))).strip().replaceAll("\\s+", " ");
        List<String> primaries = split(primary);
        if (primaries.isEmpty()) {
            throw new WatchlistFormatError(line, kind, "entry " + reference + " has no name (FIRST_NAME is empty)");
        }
        // a name field of several names ("A (CAGL) ; B (GLBC)"): the first is the name, the others aliases
        names.add(new WatchlistEntry.Alias(primaries.get(0), "PRIMARY", ""));
        primaries.stream().skip(1).forEach(other -> names.add(new WatchlistEntry.Alias(other, "ALIAS", "")));
        for (String original : split(fields.getOrDefault("NAME_ORIGINAL_SCRIPT", ""))) {
            names.add(new WatchlistEntry.Alias(original, "ORIGINAL_SCRIPT", ""));
        }
        for (var alias : groups.getOrDefault(kind + "_ALIAS", List.of())) {
            String quality = first(alias, "QUALITY");
            String type = quality.equalsIgnoreCase("f.k.a.") ? "FORMER" : "ALIAS";
            for (String name : alias.getOrDefault("ALIAS_NAME", List.of())) {
                for (String one : split(name)) {
                    names.add(new WatchlistEntry.Alias(one, type, quality));
                }
            }
        }
        List<String> births = new ArrayList<>();
        for (var birth : groups.getOrDefault(kind + "_DATE_OF_BIRTH", List.of())) {
            String date = !first(birth, "DATE").isEmpty() ? first(birth, "DATE")
                    : !first(birth, "YEAR").isEmpty() ? first(birth, "YEAR")
                    : !first(birth, "FROM_YEAR").isEmpty() ? first(birth, "FROM_YEAR") + "-" + first(birth, "TO_YEAR") : "";
            if (!date.isEmpty()) {
                births.add(date);
            }
        }
        List<String> places = new ArrayList<>();
        for (var place : groups.getOrDefault(kind + "_PLACE_OF_BIRTH", List.of())) {
            String joined = String.join(", ", place.values().stream().flatMap(List::stream).toList());
            if (!joined.isEmpty()) {
                places.add(joined);
            }
        }
        List<String> nationalities = groups.getOrDefault("NATIONALITY", List.of()).stream()
                .flatMap(g -> g.getOrDefault("VALUE", List.of()).stream()).toList();
        List<String> documents = new ArrayList<>();
        for (var document : groups.getOrDefault(kind + "_DOCUMENT", List.of())) {
            String joined = String.join(", ", document.values().stream().flatMap(List::stream).toList());
            if (!joined.isEmpty()) {
                documents.add(joined);
            }
        }
        return new WatchlistEntry(reference, fields.getOrDefault("VERSIONNUM", ""), WatchlistEntry.Kind.valueOf(kind), names,
                births, places, nationalities, documents, fields.getOrDefault("LISTED_ON", ""));
    }

    /**
     * The names in one field: "A; B; C" is three, "حسن غول (Hassan Ghul; Hasan Gul)" is three, an empty
     * field none.
     */
    static List<String> split(String field) {
        List<String> names = new ArrayList<>();
        Matcher bracketed = BRACKETED.matcher(field);
        StringBuilder outside = new StringBuilder();
        int last = 0;
        while (bracketed.find()) {
            outside.append(field, last, bracketed.start()).append(';');
            String inside = bracketed.group(1);
            // brackets that hold names (several, or another script), not a remark like "(deceased)" or "(Tigrinya)"
            boolean otherScriptBefore = field.substring(0, bracketed.start()).chars().anyMatch(c -> c >= 0x370 && Character.isLetter(c));
            boolean language = LANGUAGES.contains(inside.strip().toLowerCase(Locale.ROOT));
            if (!language && (inside.contains(";") || otherScriptBefore)) {
                outside.append(inside).append(';');
            }
            last = bracketed.end();
        }
        outside.append(field.substring(last));
        for (String part : outside.toString().split(";")) {
            String name = BORN_REMARK.matcher(part.strip().replaceAll("\\s+", " ")).replaceFirst("");
            String[] commas = name.split(" ?, ?");
            if (commas.length >= 3 && java.util.Arrays.stream(commas).allMatch(one -> !one.isBlank() && !one.strip().contains(" "))) {
                // several spellings of one word ("Abdurezak, Abdelrazaq, Abdulrazak"), not "Surname, Given Names"
                for (String one : commas) {
                    add(names, one);
                }
            } else {
                add(names, name);
            }
        }
        return names;
    }

    private static void add(List<String> names, String part) {
        String name = part.strip();
        if (!name.isEmpty() && name.chars().anyMatch(Character::isLetter)) {
            names.add(name);
        }
    }

    private static String first(Map<String, List<String>> group, String field) {
        List<String> values = group.get(field);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
