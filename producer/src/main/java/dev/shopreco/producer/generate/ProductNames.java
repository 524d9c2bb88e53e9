package dev.shopreco.producer.generate;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Plausible product names per category, in the style of the seed ({@code LCD Asus VK228H},
 * {@code Kyocera FS-1135MFP}, {@code Crysis 2 (PS3)}). Templates fill {@code #} with a digit and
 * {@code @} with a capital letter; games come from a title list with the platform appended.
 */
final class ProductNames {

    private static final List<String> TITLES = List.of(
            "Wiedźmin 2: Zabójcy królów", "Diablo III", "StarCraft II: Heart of the Swarm", "Battlefield 3",
            "Crysis 2", "Crysis 3", "Call of Duty: Black Ops II", "Far Cry 3", "The Elder Scrolls V: Skyrim",
            "Mass Effect 3", "Tomb Raider", "BioShock Infinite", "SimCity", "Football Manager 2013", "FIFA 13",
            "Need for Speed: Most Wanted", "Assassin's Creed", "Assassin's Creed III", "Dishonored",
            "Borderlands 2", "Max Payne 3", "Hitman: Rozgrzeszenie", "Dead Space 3", "Sniper: Ghost Warrior 2",
            "Euro Truck Simulator 2", "Guild Wars 2", "Torchlight II", "XCOM: Enemy Unknown", "Sleeping Dogs",
            "Metro: Last Light", "Total War: Shogun 2", "Company of Heroes 2", "The Sims 3", "Grand Theft Auto IV",
            "Portal 2", "Batman: Arkham City", "Darksiders II", "Dead Island", "Alan Wake", "Deus Ex: Bunt Ludzkości",
            "Dragon Age II", "Risen 2", "Crusader Kings II", "Cywilizacja V", "Anno 2070", "Tropico 4",
            "Resident Evil 6", "Devil May Cry", "Lego Batman 2", "Lego Władca Pierścieni", "Rayman Legends",
            "Saints Row: The Third", "Mafia II", "Splinter Cell: Blacklist", "Ghost Recon: Future Soldier",
            "Medal of Honor: Warfighter", "Crysis Warhead", "Pro Evolution Soccer 2013", "NBA 2K13", "F1 2012",
            "DiRT Showdown", "Test Drive Unlimited 2", "Prototype 2", "Spec Ops: The Line", "Army of Two");

    private static final List<String> CONSOLE_TITLES = List.of(
            "Gran Turismo 5", "Uncharted 3: Oszustwo Drake'a", "God of War III", "LittleBigPlanet 2",
            "The Last of Us", "Killzone 3", "Heavy Rain", "Beyond: Dwie Dusze", "Halo 4", "Gears of War 3",
            "Forza Motorsport 4", "Forza Horizon", "Kinect Adventures", "Fable III", "Kinect Sports");

    private static final List<List<String>> TEMPLATES = List.of(
            List.of("LCD Asus VK###H", "LCD Asus VS###D", "LCD Asus PA###Q", "LCD Dell U####M", "LCD Dell P####H",
                    "LCD BenQ GL####", "LCD BenQ GW####HM", "LCD Iiyama E####WSD", "LCD Iiyama T####MSC",
                    "LCD NEC EA###WM", "LCD Philips ###@#LCB", "LCD Samsung S##@###", "LCD LG ##EA##V", "LCD AOC e####Swn"),
            List.of("Kyocera FS-####MFP", "HP LaserJet Pro M###nw", "Brother MFC-####DW", "Canon i-SENSYS MF####",
                    "Epson WorkForce WF-####", "OKI MC###dn", "Ricoh SG####DN", "Samsung CLX-####FR", "Xerox WorkCentre ####"),
            List.of("Apple iPad mini ##GB", "Apple iPad mini ##GB 4G", "Apple iPad 4 ##GB", "Samsung Galaxy Tab 3 #.0",
                    "Samsung Galaxy Tab 2 ##.1", "Lenovo IdeaTab A####", "Asus MeMO Pad # ME###", "Acer Iconia Tab A###",
                    "Sony Xperia Tablet Z ##GB", "Manta MID###", "Goclever Tab R###"),
            List.of(),
            List.of(),
            List.of(),
            List.of("Samsung Galaxy S III GT-i####", "Samsung Galaxy Ace GT-S####", "Nokia Lumia ###", "Nokia Asha ###",
                    "Apple iPhone 5 ##GB", "Apple iPhone 4S ##GB", "Sony Xperia @ C####", "HTC Desire ###",
                    "LG Optimus L# P###", "Huawei Ascend Y###", "Alcatel One Touch ####", "Motorola RAZR i XT###"),
            List.of("Panasonic KX-TG####", "Gigaset A###", "Gigaset C###", "Philips CD###", "Motorola D####"),
            List.of("Jabra Talk ##", "Jabra Stealth #", "Plantronics Voyager ###", "Plantronics Savi W###",
                    "HTC HS-S###", "Samsung HM####", "Nokia BH-###", "Sony Ericsson MW###"),
            List.of("Jabra Freeway #", "Jabra Drive ##", "Jabra Speak ###", "Parrot Minikit NEO #", "Gembird BTCC-###",
                    "Supertooth Buddy #", "BlueAnt S#"),
            List.of("Sennheiser HD ###", "Sennheiser CX ###", "Sony MDR-ZX###", "Koss KSC##", "AKG K###",
                    "Philips SHP####", "Audio-Technica ATH-M##", "Skullcandy Uprock ##"),
            List.of("Apple iPod nano ##GB", "Apple iPod touch ##GB", "Sony Walkman NWZ-E###", "SanDisk Sansa Clip ##GB",
                    "Creative Zen Style M###", "Philips GoGear Vibe #GB", "Manta MP####"),
            List.of("Philips DVP####", "LG DV###", "Samsung DVD-C###", "Sony DVP-SR###", "Panasonic DVD-S##"),
            List.of("Samsung SSG-####GB", "LG AG-F###", "Sony TDG-BR###", "Philips PTA###", "Panasonic TY-ER3D##"),
            List.of("Telmor DVB-T ##", "Dipol ATD-##", "Spacetronik SP-##", "Cabletech ANT####", "Maximum DA-####",
                    "Emme Esse 88R##"));

    private ProductNames() {
    }

    /** A name for a product of category {@code category} that is not in {@code taken} (added to it). */
    static String next(final SplittableRandom rng, final int category, final Set<String> taken) {
        for (int attempt = 0; attempt < 50; attempt++) {
            final String name = candidate(rng, category);
            if (taken.add(name)) {
                return name;
            }
        }
        // a huge catalog exhausts the templates: number the editions rather than repeat a name
        final String base = candidate(rng, category);
        for (int edition = 2; ; edition++) {
            final String name = base + " v" + edition;
            if (taken.add(name)) {
                return name;
            }
        }
    }

    private static String candidate(final SplittableRandom rng, final int category) {
        return switch (category) {
            case 3 -> game(rng, TITLES, "PC");
            case 4 -> game(rng, rng.nextInt(4) == 0 ? CONSOLE_TITLES.subList(0, 8) : TITLES, "PS3");
            case 5 -> game(rng, rng.nextInt(4) == 0 ? CONSOLE_TITLES.subList(8, 15) : TITLES, "Xbox 360");
            default -> fill(rng, TEMPLATES.get(category).get(rng.nextInt(TEMPLATES.get(category).size())));
        };
    }

    private static String game(final SplittableRandom rng, final List<String> titles, final String platform) {
        return titles.get(rng.nextInt(titles.size())) + " (" + platform + ")";
    }

    private static String fill(final SplittableRandom rng, final String template) {
        final StringBuilder out = new StringBuilder(template.length());
        for (int i = 0; i < template.length(); i++) {
            final char ch = template.charAt(i);
            if (ch == '#') {
                // no leading zero in a model number: "LCD NEC EA023WM" looks wrong
                final boolean leading = i == 0 || !Character.isDigit(out.charAt(out.length() - 1));
                out.append((char) ('0' + (leading ? 1 + rng.nextInt(9) : rng.nextInt(10))));
            } else if (ch == '@') {
                out.append((char) ('A' + rng.nextInt(26)));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
