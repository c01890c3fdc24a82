package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser opens the report: headless Chromium (Debian's {@code chromium}, which .ci/run installs)
 * loads the page with no console output and no failed resource, lays out every figure with a size and
 * visible, and its screenshot is not blank inside any figure's box. Skipped, saying why, only where no
 * Chromium is installed.
 */
class ReportBrowserTest {
    static final int WIDTH = 1400;

    @TempDir
    Path tmp;

    /** Chromium on the PATH (or -Dxai.chromium=...), or null. */
    static String chromium() {
        String given = System.getProperty("xai.chromium");
        if (given != null) return given;
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) return Path.of(dir, name).toString();
            }
        }
        return null;
    }

    @Test
    void chromiumLoadsTheReportAndDrawsEveryFigure() throws Exception {
        String browser = chromium();
        if (browser == null) {
            String reason = "no Chromium on the PATH (.ci/run installs Debian's chromium as root); the report was not opened in a browser";
            System.err.println("ReportBrowserTest skipped: " + reason);
            Assumptions.assumeTrue(false, reason);
        }
        Path report = ReportCommandTest.imageReport(tmp);
        String html = Files.readString(report);
        int figures = html.split("<figure ", -1).length - 1;

        // 1. the page as written: it has no script, so any console line is the browser complaining
        Run plain = chromium(browser, "--enable-logging=stderr", "--v=0", "--dump-dom", report.toUri().toString());
        List<String> console = plain.err().lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertEquals(List.of(), console, "console messages while loading the report");
        assertTrue(plain.out().contains("<figure data-method=\"occlusion\">"), "the DOM was dumped");

        // 2. a copy with a probe: failed loads (caught on window) and each figure's box once the page has loaded
        String probeHead = "<script>window.__errors=[];window.addEventListener('error',e=>{__errors.push(String(e.message"
                + "||(e.target&&(e.target.src||(e.target.href&&e.target.href.baseVal)))||'error'))},true);</script>";
        String probeBody = "<script>window.addEventListener('load',()=>{const f=[...document.querySelectorAll('figure')].map(e=>{"
                + "const s=e.querySelector('svg').getBoundingClientRect();const c=getComputedStyle(e);"
                + "return [s.left,s.top,s.width,s.height,c.visibility==='visible'&&c.display!=='none'?1:0].map(Math.round).join(',')});"
                + "const p=document.createElement('pre');p.id='probe';p.textContent='height='+document.documentElement.scrollHeight"
                + "+';errors='+__errors.length+':'+__errors.join('|')+';figures='+f.join(' ');document.body.appendChild(p);});</script>";
        Path probed = tmp.resolve("probed.html");
        Files.writeString(probed, html.replace("<head>", "<head>" + probeHead).replace("</body>", probeBody + "</body>"));
        Run dom = chromium(browser, "--dump-dom", probed.toUri().toString());
        Matcher m = Pattern.compile("height=(\\d+);errors=(\\d+):([^;]*);figures=([\\d, -]+)").matcher(dom.out());
        assertTrue(m.find(), "the probe ran: " + dom.out().substring(Math.max(0, dom.out().length() - 500)));
        assertEquals("0", m.group(2), "resources that failed to load: " + m.group(3));
        int height = Integer.parseInt(m.group(1));
        String[] boxes = m.group(4).trim().split(" ");
        assertEquals(figures, boxes.length, "every figure is in the DOM");

        // 3. the screenshot of the page as written, the whole height at once
        Path shot = tmp.resolve("shot.png");
        chromium(browser, "--screenshot=" + shot, "--window-size=" + WIDTH + "," + height, report.toUri().toString());
        BufferedImage img = ImageIO.read(shot.toFile());
        assertTrue(img != null && img.getWidth() == WIDTH, "a screenshot " + WIDTH + " wide");
        for (String box : boxes) {
            int[] b = java.util.Arrays.stream(box.split(",")).mapToInt(Integer::parseInt).toArray();
            assertEquals(1, b[4], "figure visible: " + box);
            assertTrue(b[2] >= 100 && b[3] >= 100, "figure laid out with a size: " + box);
            assertTrue(b[0] >= 0 && b[1] >= 0 && b[0] + b[2] <= img.getWidth() && b[1] + b[3] <= img.getHeight(), "inside the page: " + box);
            int inked = 0;
            Set<Integer> colours = new HashSet<>();
            for (int y = b[1]; y < b[1] + b[3]; y++) {
                for (int x = b[0]; x < b[0] + b[2]; x++) {
                    int c = img.getRGB(x, y) & 0xFFFFFF;
                    colours.add(c);
                    if (Math.max(Math.max(255 - (c >> 16), 255 - (c >> 8 & 0xFF)), 255 - (c & 0xFF)) > 24) inked++;
                }
            }
            // a heatmap fills most of its box; a blank or undecoded image leaves it white
            assertTrue(inked > 0.3 * b[2] * b[3], "figure at " + box + " is drawn: " + inked + " of " + b[2] * b[3] + " pixels not background");
            assertTrue(colours.size() > 20, "figure at " + box + " shows a picture, not a flat box: " + colours.size() + " colours");
        }
    }

    record Run(String out, String err) {}

    private Run chromium(String browser, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--user-data-dir=" + tmp.resolve("profile"), "--window-size=" + WIDTH + ",900"));
        cmd.addAll(List.of(args)); // a later --window-size wins
        Path out = tmp.resolve("chromium.out"), err = tmp.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        return new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
