package app.symmetry.link;

import io.nayuki.qrcodegen.QrCode;

/** Draws a QR code as a compact SVG: one path, crisp at any print size. */
public final class QrSvg {

    private QrSvg() {}

    public static String of(String text) {
        return of(QrCode.encodeText(text, QrCode.Ecc.MEDIUM), 4);
    }

    /** @param border quiet zone in modules; scanners need four */
    public static String of(QrCode qr, int border) {
        int size = qr.size + border * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M')
                            .append(x + border)
                            .append(',')
                            .append(y + border)
                            .append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
                + "<path d=\"" + path + "\" fill=\"#000000\"/></svg>";
    }
}
