package org.concord.screening.names;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A nationality read as the country it names (an ISO 3166 alpha-2 code), however it is written: the code itself (AF,
 * AFG, two letters in capitals), the country's English name (the JDK's, from CLDR), its name in Arabic, Persian, Urdu,
 * Pashto or Russian (CLDR's too: پاکستان, ایران, افغانستان, Пакистан), the formal name the UN's lists write ("United Kingdom of Great
 * Britain and Northern Ireland", "Iran (Islamic Republic of)", "Democratic Republic of the Congo"), a common short form
 * (UK, USA, DPRK), or the word for its people (Afghan, Pakistani, British). Lists write remarks beside the country
 * ("Indonesia (as at Dec. 2003)", "Sudanese by birth", "United States. Also believed to hold Syrian nationality"), which
 * {@link #codesIn} reads past.
 *
 * <p>The tables of formal names and of peoples are this project's own, as no library here has them: they hold what the
 * UN's list writes and the countries of the region, and a word in neither is no country (a query is told so, a list's
 * value is not counted). A people's word that names two countries (Congolese, Korean, Dominican) is left out.
 */
public final class Nationalities {

    /** Formal and short names, and peoples, by country; each folded as {@link #fold} does. */
    private static final String[] NAMES = {
        "AE:unitedarabemirates,uae,emirati",
        "AF:afghan,afghani",
        "AL:albanian",
        "AM:armenian",
        "AO:angolan",
        "AR:argentine,argentinian",
        "AT:austrian",
        "AU:australian",
        "AZ:azerbaijani,azeri",
        "BA:bosnian",
        "BD:bangladeshi",
        "BE:belgian",
        "BF:burkinabe",
        "BH:bahraini",
        "BI:burundian",
        "BJ:beninese",
        "BO:boliviaplurinationalstateof,plurinationalstateofbolivia,bolivian",
        "BR:brazilian",
        "BY:belarusian",
        "CA:canadian",
        "CD:democraticrepublicofcongo,drc,congokinshasa",
        "CF:centralafrican",
        "CG:republicofcongo,congobrazzaville",
        "CH:swiss",
        "CI:ivorian,ivorycoast",
        "CL:chilean",
        "CM:cameroonian",
        "CN:chinese,peoplesrepublicofchina",
        "CO:colombian",
        "CU:cuban",
        "CZ:czech,czechia,czechrepublic",
        "DE:german",
        "DJ:djiboutian",
        "DK:danish",
        "DZ:algerian",
        "EG:egyptian",
        "ER:eritrean",
        "ES:spanish",
        "ET:ethiopian",
        "FI:finnish",
        "FR:french",
        "GB:unitedkingdomofgreatbritainandnorthernireland,uk,greatbritain,britain,british",
        "GE:georgian",
        "GH:ghanaian",
        "GM:gambian",
        "GN:guinean",
        "GR:greek",
        "GW:bissauguinean",
        "HU:hungarian",
        "ID:indonesian",
        "IE:irish",
        "IL:israeli",
        "IN:indian",
        "IQ:iraqi",
        "IR:iranislamicrepublicof,islamicrepublicofiran,iranian,persia",
        "IT:italian",
        "JO:jordanian",
        "JP:japanese",
        "KE:kenyan",
        "KG:kyrgyz,kyrgyzstani",
        "KH:cambodian",
        "KP:democraticpeoplesrepublicofkorea,dprk,northkorean",
        "KR:republicofkorea,southkorean",
        "KW:kuwaiti",
        "KZ:kazakh,kazakhstani",
        "LA:laopeoplesdemocraticrepublic,lao,laotian",
        "LB:lebanese",
        "LK:srilankan",
        "LR:liberian",
        "LY:libyanarabjamahiriya,libyan",
        "MA:moroccan",
        "MD:republicofmoldova,moldovan",
        "ML:malian",
        "MM:myanmar,burma,burmese",
        "MR:mauritanian",
        "MV:maldivian",
        "MX:mexican",
        "MY:malaysian",
        "MZ:mozambican",
        "NE:nigerien",
        "NG:nigerian",
        "NL:dutch,netherlands",
        "NO:norwegian",
        "NP:nepali,nepalese",
        "OM:omani",
        "PH:filipino,philippine",
        "PK:pakistani",
        "PL:polish",
        "PS:stateofpalestine,palestine,palestinian",
        "PT:portuguese",
        "QA:qatari",
        "RO:romanian",
        "RS:serbian",
        "RU:russianfederation,russian",
        "RW:rwandan",
        "SA:saudi,saudiarabian",
        "SD:sudanese",
        "SE:swedish",
        "SL:sierraleonean",
        "SN:senegalese",
        "SO:somali,somalian",
        "SS:southsudanese",
        "SY:syrianarabrepublic,syrian",
        "TD:chadian",
        "TG:togolese",
        "TH:thai",
        "TJ:tajik,tajikistani",
        "TM:turkmen",
        "TN:tunisian",
        "TR:turkiye,turkish",
        "TT:trinidadian",
        "TZ:unitedrepublicoftanzania,tanzanian",
        "UA:ukrainian",
        "UG:ugandan",
        "US:unitedstatesofamerica,usa,american",
        "UZ:uzbek,uzbekistani",
        "VE:venezuelabolivarianrepublicof,bolivarianrepublicofvenezuela,venezuelan",
        "VN:vietnam,vietnamese",
        "YE:yemeni",
        "ZA:southafrican",
        "ZM:zambian",
        "ZW:zimbabwean",
    };

    /** Every folded name of a country, its people's word, or a short form: its alpha-2 code. */
    private static final Map<String, String> BY_NAME = byName();
    /** The most words a country's name has (for reading a remark word by word). */
    private static final int LONGEST = 10;

    private Nationalities() {
    }

    /** The ISO 3166 alpha-2 code of the country {@code value} names as a whole; null if it names none. */
    public static String code(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        // two letters are a code only in capitals: a list's "na" is "not available", not Namibia
        if (v.matches("[A-Z]{2}")) {
            if (ISO2.contains(v)) {
                return v;
            }
        } else if (v.matches("[A-Za-z]{3}")) {
            String code = ISO3.get(v.toUpperCase(Locale.ROOT));
            if (code != null) {
                return code;
            }
        }
        String byName = BY_NAME.get(String.join("", words(v)));
        return byName != null ? byName : IN_OTHER_SCRIPTS.get(foldOtherScript(v));
    }

    /**
     * The languages of the region whose names of countries are read too (an officer types "پاکستان", "ایران" or "Пакистан"):
     * Arabic, Persian, Urdu, Pashto and Russian, as CLDR (the JDK's locale data) writes them.
     */
    private static final List<String> LANGUAGES = List.of("ar", "fa", "ur", "ps", "ru");
    /** Every country's name in {@link #LANGUAGES}, folded by {@link #foldOtherScript}: its alpha-2 code. */
    private static final Map<String, String> IN_OTHER_SCRIPTS = inOtherScripts();

    private static Map<String, String> inOtherScripts() {
        Map<String, String> names = new HashMap<>();
        Set<String> shared = new java.util.HashSet<>();
        for (String language : LANGUAGES) {
            Locale in = Locale.forLanguageTag(language);
            for (String code : Locale.getISOCountries()) {
                String name = new Locale("", code).getDisplayCountry(in);
                if (name.isBlank() || name.equals(code)) {
                    continue;
                }
                String folded = foldOtherScript(name);
                String previous = names.putIfAbsent(folded, code);
                if (previous != null && !previous.equals(code)) {
                    shared.add(folded);
                }
            }
        }
        // a name two countries share in some language names neither
        shared.forEach(names::remove);
        return Map.copyOf(names);
    }

    /**
     * A name in another script as it is looked up: compatibility forms composed, the Arabic-script variants folded as
     * names are ({@link NameForms#foldArabic}: the Persian and Urdu yeh and kaf as the Arabic ones, heh goal and teh
     * marbuta as heh, alef variants as alef, tatweel and harakat removed), lower case, and everything but letters left
     * out (spaces and the zero-width non-joiner too).
     */
    static String foldOtherScript(String value) {
        String folded = NameForms.foldArabic(Normalizer.normalize(value, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isLetter(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The countries a list's nationality field names, in the order written: the whole value if it names one, else the
     * names and peoples found in it word by word (codes are not read inside a remark: "as", "at" and "in" are codes too).
     */
    public static List<String> codesIn(String value) {
        String whole = code(value);
        if (whole != null) {
            return List.of(whole);
        }
        List<String> words = value == null ? List.of() : words(value);
        Set<String> found = new LinkedHashSet<>();
        int i = 0;
        while (i < words.size()) {
            int taken = 0;
            for (int n = Math.min(LONGEST, words.size() - i); n >= 1 && taken == 0; n--) {
                String code = BY_NAME.get(String.join("", words.subList(i, i + n)));
                if (code != null && !(n == 1 && words.get(i).length() <= 3)) {
                    found.add(code);
                    taken = n;
                }
            }
            i += Math.max(1, taken);
        }
        return List.copyOf(found);
    }

    /**
     * Lower case, accents removed, "&" as "and", letters only, in words; "the" left out. A name is looked up as its words
     * joined, so an apostrophe's split (People's, d'Ivoire) does not matter.
     */
    private static List<String> words(String value) {
        String plain = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace("&", " and ")
                .toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String word : plain.split("[^a-z]+")) {
            if (!word.isEmpty() && !word.equals("the")) {
                words.add(word);
            }
        }
        return words;
    }

    private static final Set<String> ISO2 = Set.of(Locale.getISOCountries());
    private static final Map<String, String> ISO3 = iso3();

    private static Map<String, String> iso3() {
        Map<String, String> codes = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            codes.put(new Locale("", code).getISO3Country(), code);
        }
        return Map.copyOf(codes);
    }

    private static Map<String, String> byName() {
        Map<String, String> names = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            names.put(String.join("", words(new Locale("", code).getDisplayCountry(Locale.ENGLISH))), code);
        }
        for (String row : NAMES) {
            String code = row.substring(0, 2);
            for (String name : row.substring(3).split(",")) {
                String previous = names.put(name, code);
                if (previous != null && !previous.equals(code)) {
                    throw new IllegalStateException(name + " names both " + previous + " and " + code);
                }
            }
        }
        return Map.copyOf(names);
    }
}
