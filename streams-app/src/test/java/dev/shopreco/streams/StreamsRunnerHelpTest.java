package dev.shopreco.streams;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamsRunnerHelpTest {

    @Test
    void helpListsEverySettingAndStartsNothing() throws Exception {
        final PrintStream out = System.out;
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // returns (no broker is reachable here: a start would block, then fail)
            StreamsRunner.main(new String[] {"--help"});
        } finally {
            System.setOut(out);
        }
        final String help = printed.toString(StandardCharsets.UTF_8);
        for (final Setting setting : StreamsRunner.SETTINGS) {
            assertTrue(help.contains(setting.name()), setting.name() + " in\n" + help);
        }
        assertTrue(help.contains("PT30M"), "defaults are shown");
    }
}
