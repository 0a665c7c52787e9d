package app.symmetry.local;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.nayuki.qrcodegen.QrCode;

/**
 * A printable counter poster for one unit: its name, a short FR/EN invitation and its customer QR
 * code, as SVG or as PDF. Drawn on an A5 page in millimetres ({@link Size#A4} scales the same
 * drawing up). The PDF is written by hand with the standard Helvetica fonts (every PDF reader has
 * them), so it needs no library and no fonts installed on the machine.
 */
public final class PosterArt {

    public enum Size {
        A5(148, 210),
        A4(210, 297);

        final double widthMm;
        final double heightMm;

        Size(double widthMm, double heightMm) {
            this.widthMm = widthMm;
            this.heightMm = heightMm;
        }

        public static Size parse(String value) {
            return value == null || value.isBlank() ? A5 : valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    static final double W = 148;
    static final double H = 210;
    private static final double QR_SIZE = 86;
    private static final double QR_TOP = 72;
    private static final String ACCENT = "#0b5cad";
    private static final String MUTED = "#4a5561";

    /** One line of text, centred, in page millimetres (y of the baseline from the top). */
    record Line(String text, double y, double sizeMm, boolean bold, String colour) {}

    private final String orgName;
    private final String unitName;
    private final String unitId;
    private final QrCode qr;

    public PosterArt(String orgName, String unitName, String unitId, String formUrl) {
        this.orgName = orgName;
        this.unitName = unitName;
        this.unitId = unitId;
        this.qr = QrCode.encodeText(formUrl, QrCode.Ecc.MEDIUM);
    }

    List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(orgName, 13.5, 5.5, true, "#ffffff"));
        lines.add(new Line(unitName, 37, fit(unitName, 11, 132, true), true, "#1b1f24"));
        lines.add(new Line("Votre avis compte", 52, 9, true, ACCENT));
        lines.add(new Line("Your opinion matters", 61, 5.5, false, MUTED));
        double y = QR_TOP + QR_SIZE + 9;
        lines.add(new Line(
                "30 secondes\u00a0: scannez avec l’appareil photo de votre téléphone",
                y,
                fit("30 secondes\u00a0: scannez avec l’appareil photo de votre téléphone", 4.4, 134, false),
                false,
                "#1b1f24"));
        lines.add(new Line("30 seconds: scan with your phone’s camera", y + 6.5, 4.4, false, MUTED));
        lines.add(new Line("Sans compte ni application · No account, no app", y + 15, 3.6, false, MUTED));
        lines.add(new Line("Symmetry · " + unitId, H - 8, 2.8, false, MUTED));
        return lines;
    }

    // ---------------------------------------------------------------- SVG

    public String svg(Size size) {
        StringBuilder out = new StringBuilder(8192);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
                .append(num(size.widthMm))
                .append("mm\" height=\"")
                .append(num(size.heightMm))
                .append("mm\" viewBox=\"0 0 ")
                .append(num(W))
                .append(' ')
                .append(num(H))
                .append("\" role=\"img\" aria-label=\"")
                .append(xml(unitName + " — Votre avis compte / Your opinion matters"))
                .append("\">\n<title>")
                .append(xml(unitName + " — Votre avis compte / Your opinion matters"))
                .append("</title>\n")
                .append("<rect width=\"")
                .append(num(W))
                .append("\" height=\"")
                .append(num(H))
                .append("\" fill=\"#ffffff\"/>\n")
                .append("<rect width=\"")
                .append(num(W))
                .append("\" height=\"21\" fill=\"")
                .append(ACCENT)
                .append("\"/>\n");
        double x0 = (W - QR_SIZE) / 2;
        int modules = qr.size + 8;
        out.append("<rect x=\"")
                .append(num(x0 - 2))
                .append("\" y=\"")
                .append(num(QR_TOP - 2))
                .append("\" width=\"")
                .append(num(QR_SIZE + 4))
                .append("\" height=\"")
                .append(num(QR_SIZE + 4))
                .append("\" rx=\"3\" fill=\"#ffffff\" stroke=\"")
                .append(ACCENT)
                .append("\" stroke-width=\"0.8\"/>\n")
                .append("<svg x=\"")
                .append(num(x0))
                .append("\" y=\"")
                .append(num(QR_TOP))
                .append("\" width=\"")
                .append(num(QR_SIZE))
                .append("\" height=\"")
                .append(num(QR_SIZE))
                .append("\" viewBox=\"0 0 ")
                .append(modules)
                .append(' ')
                .append(modules)
                .append("\" shape-rendering=\"crispEdges\"><path fill=\"#000000\" d=\"");
        for (int[] run : runs()) {
            out.append('M')
                    .append(run[0] + 4)
                    .append(',')
                    .append(run[1] + 4)
                    .append('h')
                    .append(run[2])
                    .append("v1h-")
                    .append(run[2])
                    .append('z');
        }
        out.append("\"/></svg>\n");
        for (Line line : lines()) {
            out.append("<text x=\"")
                    .append(num(W / 2))
                    .append("\" y=\"")
                    .append(num(line.y()))
                    .append("\" font-size=\"")
                    .append(num(line.sizeMm()))
                    .append("\" font-family=\"Helvetica, Arial, sans-serif\" text-anchor=\"middle\" fill=\"")
                    .append(line.colour())
                    .append('"')
                    .append(line.bold() ? " font-weight=\"bold\"" : "")
                    .append('>')
                    .append(xml(line.text()))
                    .append("</text>\n");
        }
        return out.append("</svg>\n").toString();
    }

    /** Dark modules as horizontal runs {x, y, length}: a far smaller drawing than one square each. */
    private List<int[]> runs() {
        List<int[]> runs = new ArrayList<>();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    int start = x;
                    while (x + 1 < qr.size && qr.getModule(x + 1, y)) {
                        x++;
                    }
                    runs.add(new int[] {start, y, x - start + 1});
                }
            }
        }
        return runs;
    }

    // ---------------------------------------------------------------- PDF

    private static final Charset WIN_ANSI = Charset.forName("windows-1252");
    private static final double PT = 72 / 25.4;

    public byte[] pdf(Size size) {
        double pageW = size.widthMm * PT;
        double pageH = size.heightMm * PT;
        double scale = Math.min(size.widthMm / W, size.heightMm / H) * PT;
        double offX = (pageW - W * scale) / 2;
        double offY = (pageH - H * scale) / 2;

        StringBuilder c = new StringBuilder(8192);
        // from here on, one unit is one millimetre of the A5 drawing, y growing downwards
        c.append("q ")
                .append(num(scale))
                .append(" 0 0 ")
                .append(num(-scale))
                .append(' ')
                .append(num(offX))
                .append(' ')
                .append(num(pageH - offY))
                .append(" cm\n");
        c.append(rgb(ACCENT)).append(" rg 0 0 ").append(num(W)).append(" 21 re f\n");
        double x0 = (W - QR_SIZE) / 2;
        c.append(rgb(ACCENT))
                .append(" RG 0.8 w ")
                .append(num(x0 - 2))
                .append(' ')
                .append(num(QR_TOP - 2))
                .append(' ')
                .append(num(QR_SIZE + 4))
                .append(' ')
                .append(num(QR_SIZE + 4))
                .append(" re S\n");
        double module = QR_SIZE / (qr.size + 8);
        c.append("0 g\n");
        for (int[] run : runs()) {
            c.append(num(x0 + (run[0] + 4) * module))
                    .append(' ')
                    .append(num(QR_TOP + (run[1] + 4) * module))
                    .append(' ')
                    .append(num(run[2] * module))
                    .append(' ')
                    .append(num(module))
                    .append(" re\n");
        }
        c.append("f\n");
        List<byte[]> parts = new ArrayList<>();
        for (Line line : lines()) {
            double width = Helvetica.width(line.text(), line.bold()) * line.sizeMm() / 1000;
            // the text matrix flips y back, so letters stand upright on their baseline
            c.append("BT ")
                    .append(line.bold() ? "/F2 " : "/F1 ")
                    .append(num(line.sizeMm()))
                    .append(" Tf ")
                    .append(rgb(line.colour()))
                    .append(" rg 1 0 0 -1 ")
                    .append(num((W - width) / 2))
                    .append(' ')
                    .append(num(line.y()))
                    .append(" Tm ");
            parts.add(ascii(c));
            c.setLength(0);
            parts.add(pdfString(line.text()));
            c.append(" Tj ET\n");
        }
        c.append("Q\n");
        parts.add(ascii(c));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        parts.forEach(content::writeBytes);
        byte[] stream = content.toByteArray();

        List<byte[]> objects = List.of(
                ascii("<< /Type /Catalog /Pages 2 0 R >>"),
                ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + num(pageW) + " " + num(pageH) + "] "
                        + "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>"),
                concat(ascii("<< /Length " + stream.length + " >>\nstream\n"), stream, ascii("\nendstream")),
                ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
                ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"),
                concat(
                        ascii("<< /Title "),
                        pdfString(unitName + " — Votre avis compte / Your opinion matters"),
                        ascii(" /Producer (Symmetry) >>")));
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.writeBytes(ascii("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"));
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = pdf.size();
            pdf.writeBytes(ascii((i + 1) + " 0 obj\n"));
            pdf.writeBytes(objects.get(i));
            pdf.writeBytes(ascii("\nendobj\n"));
        }
        long xref = pdf.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (long offset : offsets) {
            table.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size ")
                .append(objects.size() + 1)
                .append(" /Root 1 0 R /Info 7 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        pdf.writeBytes(ascii(table));
        return pdf.toByteArray();
    }

    /** A PDF literal string in WinAnsiEncoding; characters it lacks become '?'. */
    static byte[] pdfString(String text) {
        byte[] bytes = text.getBytes(WIN_ANSI);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 8);
        out.write('(');
        for (byte b : bytes) {
            if (b == '(' || b == ')' || b == '\\') {
                out.write('\\');
            }
            out.write(b);
        }
        out.write(')');
        return out.toByteArray();
    }

    private static byte[] ascii(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return num(((v >> 16) & 0xff) / 255.0) + " " + num(((v >> 8) & 0xff) / 255.0) + " " + num((v & 0xff) / 255.0);
    }

    /** The largest size up to {@code max} at which {@code text} fits in {@code widthMm}. */
    private static double fit(String text, double max, double widthMm, boolean bold) {
        double em = Helvetica.width(text, bold) / 1000;
        return em <= 0 ? max : Math.min(max, Math.floor(widthMm / em * 10) / 10);
    }

    static String num(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }

    static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (ch >= 0x20 || ch == '\t') {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Advance widths (1/1000 em) of Helvetica and Helvetica-Bold, from their AFM files, for ASCII 32–126. */
    static final class Helvetica {
        private static final int[] REGULAR = {
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
            1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
            667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
            333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
            556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584
        };
        private static final int[] BOLD = {
            278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
            975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
            667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
            333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
            611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584
        };

        static double width(String text, boolean bold) {
            int[] widths = bold ? BOLD : REGULAR;
            double total = 0;
            for (char ch : text.toCharArray()) {
                total += switch (ch) {
                    case '—' -> 1000;
                    case '–' -> 556;
                    case '’', '‘' -> bold ? 278 : 222;
                    case '«', '»' -> 556;
                    case '·' -> 278;
                    case '\u00a0', '\u202f' -> 278;
                    default -> {
                        char base = Normalizer.normalize(String.valueOf(ch), Normalizer.Form.NFD)
                                .charAt(0);
                        yield base >= 32 && base <= 126 ? widths[base - 32] : 556;
                    }
                };
            }
            return total;
        }
    }
}
